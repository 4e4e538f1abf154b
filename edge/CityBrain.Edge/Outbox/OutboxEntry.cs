namespace CityBrain.Edge.Outbox;

/// <summary>A committed report waiting for the broker's acknowledgement.</summary>
public sealed record OutboxEntry(long Sequence, DateTimeOffset WindowStart, DateTimeOffset CreatedAt, byte[] Payload);
