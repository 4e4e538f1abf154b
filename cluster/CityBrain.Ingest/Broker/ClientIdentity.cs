using System.Security.Claims;
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

    /// <summary>For a read-only subscriber (<see cref="IMqttReaders"/>), who it signed in as; null for devices and services.</summary>
    public ClaimsPrincipal? Reader { get; init; }

    public bool IsReader => Reader is not null;

    public bool IsDevice => !IsService && !IsReader;

    /// <summary>The topics of the open-data interface (SensorThings' MQTT extension), the only ones a reader may use.</summary>
    public const string ReaderRoot = "v1.1/";

    public static ClientIdentity Service(string name) => new(name, true, null);

    public static ClientIdentity Device(string deviceId, string? district) => new(deviceId, false, district);

    public static ClientIdentity ReaderOf(ClaimsPrincipal reader) => new(reader.Identity?.Name ?? "anonymous", false, null) { Reader = reader };

    /// <summary>Why a session of this identity may not use <paramref name="clientId"/>; null when it may. A device
    /// connects as itself; a reader must not be able to take over a device's session, so its client id must be one no
    /// device can have.</summary>
    public string? ClientIdRefusal(string clientId) =>
        IsReader ? Identifier.IsValid(clientId) ? $"a reader's client id must not look like a device id (only a-z 0-9 - _): '{clientId}' could be one; add e.g. a capital or ':'" : null
        : IsDevice && clientId != Name ? $"device {Name} must connect with its device id as client id, not '{clientId}'"
        : null;

    /// <summary>A device publishes only under its own prefix, and never its own configuration; a reader never publishes.</summary>
    public bool MayPublish(string topic) => PublishRefusal(topic) is null;

    /// <summary>A device listens only to its own configuration.</summary>
    public bool MaySubscribe(string filter) => SubscribeRefusal(filter) is null;

    /// <summary>Why this client may not publish on <paramref name="topic"/>, naming the part that is wrong (the
    /// technician reads it when provisioning, the operator in the rejections); null when it may.</summary>
    public string? PublishRefusal(string topic)
    {
        if (IsReader) return $"{Name} signed in as a reader: it may subscribe under {ReaderRoot} and never publish";
        if (IsService) return topic.StartsWith(TopicAddress.Root + "/", StringComparison.Ordinal) ? null : $"a service account publishes only under {TopicAddress.Root}/";
        if (!TopicAddress.TryParse(topic, out var address)) return $"'{topic}' is not a device topic ({TopicAddress.Root}/{{district}}/{{device}}/telemetry, status or health)";
        return Foreign(address) ?? (address.Kind == TopicKind.Config ? $"device {Name} may not publish its own configuration (the cluster does)" : null);
    }

    /// <summary>Why this client may not subscribe to <paramref name="filter"/>; null when it may. For a reader, only
    /// where it may look: which of those topics it may read is <see cref="IMqttReaders.SubscribeRefusal"/>'s to say.</summary>
    public string? SubscribeRefusal(string filter)
    {
        if (IsReader) return filter.StartsWith(ReaderRoot, StringComparison.Ordinal) ? null : $"a reader subscribes only under {ReaderRoot}, not to '{filter}'";
        if (IsService)
        {
            return filter.StartsWith(TopicAddress.Root + "/", StringComparison.Ordinal) || filter == "#" ? null : $"a service account subscribes only under {TopicAddress.Root}/";
        }
        if (!TopicAddress.TryParse(filter, out var address)) return $"device {Name} may subscribe only to its own configuration topic, not '{filter}'";
        return Foreign(address) ?? (address.Kind != TopicKind.Config ? $"device {Name} may subscribe only to its own configuration topic" : null);
    }

    private string? Foreign(TopicAddress address) =>
        address.Device != Name ? $"this connection is device {Name}, not {address.Device}"
        : District is not null && District != address.District ? $"device {Name} belongs to district {District}, not {address.District}"
        : null;
}
