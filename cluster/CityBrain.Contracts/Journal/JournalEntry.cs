namespace CityBrain.Contracts.Journal;

/// <summary>One telemetry message as received, kept verbatim so that every indicator can be recomputed from it.</summary>
/// <param name="Position">Its place in the journal's commit order, known once it was committed (0 before). Entries
/// migrated from the first journal format, which had no order, have negative positions: the host that wrote them
/// applied them, and only <c>replay</c> reads them again.</param>
public sealed record JournalEntry(
    string DeviceId,
    long Sequence,
    string District,
    DateTimeOffset WindowStart,
    DateTimeOffset ReceivedAt,
    ReadOnlyMemory<byte> Payload,
    long Position = 0);
