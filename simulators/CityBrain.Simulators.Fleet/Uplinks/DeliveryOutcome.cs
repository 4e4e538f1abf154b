namespace CityBrain.Simulators.Fleet.Uplinks;

public enum DeliveryStatus
{
    /// <summary>The broker acknowledged it (PUBACK success): for the cluster's embedded broker, it is durable there.</summary>
    Acknowledged,
    /// <summary>The broker answered with a failure reason code (not authorised, payload refused by ingest, …).</summary>
    Refused,
    /// <summary>The publish was cut off or timed out: whether it arrived is unknown.</summary>
    Failed,
    /// <summary>Never left the gateway: it was offline, or could not reach the broker, and has no outbox to keep it in.</summary>
    NotSent,
}

public readonly record struct DeliveryOutcome(DeliveryStatus Status, string? Reason = null)
{
    public static DeliveryOutcome Acknowledged { get; } = new(DeliveryStatus.Acknowledged);

    public static DeliveryOutcome OfflineWithoutOutbox { get; } = new(DeliveryStatus.NotSent, "gateway offline and no outbox to hold the report");
}
