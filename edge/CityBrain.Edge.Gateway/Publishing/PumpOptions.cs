namespace CityBrain.Edge.Publishing;

public sealed record PumpOptions
{
    /// <summary>QoS 1 publishes awaiting their PUBACK at once. The broker handles a connection's messages in order, so
    /// more in flight hides the round trip; the cluster's duplicate window (256 sequences) must stay well above it.</summary>
    public int MaxInFlight { get; init; } = 32;

    /// <summary>Wait before resending after the broker could not take a report for now (a transient reason code).</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How often an idle pump looks at the outbox without being notified.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromSeconds(1);
}
