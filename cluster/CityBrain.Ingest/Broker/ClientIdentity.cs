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
    public bool MayPublish(string topic) => PublishRefusal(topic) is null;

    /// <summary>A device listens only to its own configuration.</summary>
    public bool MaySubscribe(string filter) => SubscribeRefusal(filter) is null;

    /// <summary>Why this client may not publish on <paramref name="topic"/>, naming the part that is wrong (the
    /// technician reads it when provisioning, the operator in the rejections); null when it may.</summary>
    public string? PublishRefusal(string topic)
    {
        if (IsService) return topic.StartsWith(TopicAddress.Root + "/", StringComparison.Ordinal) ? null : $"a service account publishes only under {TopicAddress.Root}/";
        if (!TopicAddress.TryParse(topic, out var address)) return $"'{topic}' is not a device topic ({TopicAddress.Root}/{{district}}/{{device}}/telemetry, status or health)";
        return Foreign(address) ?? (address.Kind == TopicKind.Config ? $"device {Name} may not publish its own configuration (the cluster does)" : null);
    }

    /// <summary>Why this client may not subscribe to <paramref name="filter"/>; null when it may.</summary>
    public string? SubscribeRefusal(string filter)
    {
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
