using System.Diagnostics.CodeAnalysis;

namespace CityBrain.Contracts.Topics;

/// <summary>A parsed <c>citybrain/v1/{district}/{device}/{kind}</c> topic.</summary>
public sealed record TopicAddress(string District, string Device, TopicKind Kind)
{
    public const string Root = "citybrain/v1";

    /// <summary>Every topic of every device, for a subscriber that sees the whole city.</summary>
    public const string AllDevicesFilter = Root + "/+/+/+";

    public override string ToString() => Build(District, Device, Kind);

    public static string Build(string district, string device, TopicKind kind)
    {
        Identifier.Require(district, "district");
        Identifier.Require(device, "device");
        return $"{Root}/{district}/{device}/{KindSegment(kind)}";
    }

    /// <summary>The prefix a device may publish under; the broker's topic ACL allows nothing else.</summary>
    public static string DevicePrefix(string district, string device) => $"{Root}/{district}/{device}/";

    public static bool TryParse(string? topic, [NotNullWhen(true)] out TopicAddress? address)
    {
        address = null;
        if (topic is null || !topic.StartsWith(Root + "/", StringComparison.Ordinal)) return false;
        var parts = topic.AsSpan(Root.Length + 1);
        Span<Range> ranges = stackalloc Range[4];
        if (parts.Split(ranges, '/') != 3) return false;
        var district = parts[ranges[0]].ToString();
        var device = parts[ranges[1]].ToString();
        if (!Identifier.IsValid(district) || !Identifier.IsValid(device)) return false;
        TopicKind? kind = parts[ranges[2]] switch
        {
            "telemetry" => TopicKind.Telemetry,
            "status" => TopicKind.Status,
            "health" => TopicKind.Health,
            "config" => TopicKind.Config,
            _ => null,
        };
        if (kind is null) return false;
        address = new TopicAddress(district, device, kind.Value);
        return true;
    }

    private static string KindSegment(TopicKind kind) => kind switch
    {
        TopicKind.Telemetry => "telemetry",
        TopicKind.Status => "status",
        TopicKind.Health => "health",
        TopicKind.Config => "config",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown topic kind"),
    };
}
