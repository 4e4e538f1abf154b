namespace CityBrain.Storage.Journal;

/// <summary>The durable record of every accepted telemetry message. <see cref="AppendAsync"/> completes only once the
/// entry is committed, so a caller may acknowledge the message to its sender afterwards. Appending the same
/// (device, sequence) again is harmless: redelivery after a crash must not fail or duplicate.</summary>
public interface IRawJournal
{
    ValueTask AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<JournalEntry>> ReadDeviceAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);

    Task<long> CountAsync(CancellationToken cancellationToken = default);
}
