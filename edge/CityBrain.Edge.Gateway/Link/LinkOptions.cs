namespace CityBrain.Edge.Link;

/// <summary>Who a gateway is on the broker, which brokers it may use and how its link behaves. User name and client id
/// are the device id; the password comes from provisioning.</summary>
/// <param name="Brokers">One broker (a single node, or a TCP proxy in front of every node), or each node's own broker:
/// the link fails over between them (<see cref="ReconnectPlan"/>).</param>
public sealed record LinkOptions(string DeviceId, string District, IReadOnlyList<BrokerAddress> Brokers, string Password)
{
    /// <summary>A link to one broker.</summary>
    public LinkOptions(string deviceId, string district, string host, int port, string password)
        : this(deviceId, district, [new BrokerAddress(host, port)], password)
    {
    }

    public IReadOnlyList<BrokerAddress> Brokers { get; init; } =
        Brokers.Count > 0 ? Brokers : throw new ArgumentException("a link needs at least one broker", nameof(Brokers));

    /// <summary>MQTTnet's keep-alive pings an idle connection and drops it when the broker stops answering.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a connect, or the PUBACK of a publish, may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest first wait after a dropped connection or a round of unreachable brokers; each further failed
    /// round doubles it, up to <see cref="MaxBackoff"/>. Every wait is drawn between zero and this ceiling.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the broker refused the credentials: retrying fast would not fix them and would flood its log.</summary>
    public TimeSpan RefusedRetry { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The first wait after the broker handed the session to another connection with this id; it doubles with
    /// every take-over within <see cref="TakeoverHistory.Window"/> (<see cref="ReconnectPlan.TakenOver"/>).</summary>
    public TimeSpan TakeoverBackoff { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxTakeoverBackoff { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>MQTT over TLS with the broker's certificate verified; null for plain MQTT (a broker on the same machine).</summary>
    public LinkTls? Tls { get; init; }

    /// <summary>How long the broker keeps the session (subscription, unacknowledged messages) after a disconnect.</summary>
    public uint SessionExpirySeconds { get; init; } = 3600;

    public override string ToString() => $"{DeviceId}@{string.Join(",", Brokers)}";
}
