namespace CityBrain.Edge.Outbox;

/// <summary>A committed report waiting for the broker's acknowledgement; <see cref="Payload"/> is the telemetry
/// message exactly as it goes on the wire.</summary>
public sealed record OutboxEntry(long Sequence, DateTimeOffset WindowStart, int WindowSeconds, DateTimeOffset CreatedAt, byte[] Payload);

/// <summary>What one device has waiting in the outbox, and what became of reports that will never be delivered.</summary>
/// <param name="Thinned">Reports merged into a neighbour to stay within the disk budget (their readings survive in a longer window).</param>
/// <param name="Dropped">Reports deleted unsent because the budget was full even after thinning.</param>
/// <param name="Refused">Reports the broker refused for good, set aside.</param>
public sealed record OutboxBacklog(long Depth, DateTimeOffset? OldestCreatedAt, long NextSequence, long Thinned, long Dropped, long Refused)
{
    public TimeSpan? OldestAge(DateTimeOffset now) => OldestCreatedAt is { } oldest ? now - oldest : null;
}
