namespace CityBrain.Storage.Journal;

/// <summary>One telemetry message as received, kept verbatim so that every indicator can be recomputed from it.</summary>
public sealed record JournalEntry(
    string DeviceId,
    long Sequence,
    string District,
    DateTimeOffset WindowStart,
    DateTimeOffset ReceivedAt,
    ReadOnlyMemory<byte> Payload);
