using CityBrain.Contracts.Topics;

namespace CityBrain.Ingest.Broker;

/// <summary>Who an authenticated MQTT session belongs to, and so which topics it may use.</summary>
/// <param name="District">For a provisioned device, the district it was provisioned for; null where any district is allowed.</param>
public sealed record ClientIdentity(string Name, bool IsService, string? District)
{
    public const string SessionKey = "citybrain.identity";

    /// <summary>For a provisioned device, the credential store's change number of the credential it authenticated
    /// against; a later change (rotation, revocation) makes the session stale.</summary>
    public long CredentialChange { get; init; }

    public static ClientIdentity Service(string name) => new(name, true, null);

    public static ClientIdentity Device(string deviceId, string? district) => new(deviceId, false, district);

    /// <summary>A device publishes only under its own prefix, and never its own configuration.</summary>
    public bool MayPublish(string topic) =>
        IsService
            ? topic.StartsWith(TopicAddress.Root + "/", StringComparison.Ordinal)
            : TopicAddress.TryParse(topic, out var address) && OwnsDevice(address) && address.Kind != TopicKind.Config;

    /// <summary>A device listens only to its own configuration.</summary>
    public bool MaySubscribe(string filter) =>
        IsService
            ? filter.StartsWith(TopicAddress.Root + "/", StringComparison.Ordinal) || filter == "#"
            : TopicAddress.TryParse(filter, out var address) && OwnsDevice(address) && address.Kind == TopicKind.Config;

    private bool OwnsDevice(TopicAddress address) =>
        address.Device == Name && (District is null || District == address.District);
}
