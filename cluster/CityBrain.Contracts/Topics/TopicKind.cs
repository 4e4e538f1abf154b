namespace CityBrain.Contracts.Topics;

public enum TopicKind
{
    /// <summary>Readings, QoS 1, gateway to cluster.</summary>
    Telemetry,
    /// <summary>Retained birth (<c>online</c>) and last will (<c>offline</c>).</summary>
    Status,
    /// <summary>Gateway health, about once a minute.</summary>
    Health,
    /// <summary>Retained sampling configuration, cluster to gateway.</summary>
    Config,
}
