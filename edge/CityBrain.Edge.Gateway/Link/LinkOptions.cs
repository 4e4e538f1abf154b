namespace CityBrain.Edge.Link;

/// <summary>Who a gateway is on the broker and how its link behaves. User name and client id are the device id;
/// the password comes from provisioning.</summary>
public sealed record LinkOptions(string DeviceId, string District, string Host, int Port, string Password)
{
    /// <summary>MQTTnet's keep-alive pings an idle connection and drops it when the broker stops answering.</summary>
    public TimeSpan KeepAlive { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>How long a connect, or the PUBACK of a publish, may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>First wait after an unreachable broker, doubled after each failure up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan MinBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the broker refused the credentials: retrying fast would not fix them and would flood its log.</summary>
    public TimeSpan RefusedRetry { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long the broker keeps the session (subscription, unacknowledged messages) after a disconnect.</summary>
    public uint SessionExpirySeconds { get; init; } = 3600;

    public override string ToString() => $"{DeviceId}@{Host}:{Port}";
}
