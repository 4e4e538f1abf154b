using CityBrain.Contracts.Journal;
using CityBrain.Storage.Journal;

namespace CityBrain.Grains.Tests;

/// <summary>The real journal, except that the first append of sequence 2 of a device whose id starts with
/// <see cref="DevicePrefix"/> commits and then fails, as an append to PostgreSQL does when the connection drops after
/// the server committed but before its answer arrived.</summary>
public sealed class LostAnswerJournal(SqliteRawJournal journal) : IRawJournal
{
    public const string DevicePrefix = "lost-answer-";

    private readonly HashSet<string> _lost = [];

    public async ValueTask<JournalAppend> AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        var appended = await journal.AppendAsync(entry, cancellationToken);
        if (entry.DeviceId.StartsWith(DevicePrefix, StringComparison.Ordinal) && entry.Sequence == 2)
        {
            lock (_lost)
            {
                if (_lost.Add(entry.DeviceId)) throw new IOException("the connection dropped after the commit (injected by the test)");
            }
        }
        return appended;
    }

    public IAsyncEnumerable<JournalEntry> ReadDeviceAfterAsync(string deviceId, long position, CancellationToken cancellationToken = default) =>
        journal.ReadDeviceAfterAsync(deviceId, position, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null, CancellationToken cancellationToken = default) =>
        journal.ReadRangeAsync(from, to, district, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadDeviceWindowsAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, bool newestFirst = false,
        CancellationToken cancellationToken = default) => journal.ReadDeviceWindowsAsync(deviceId, from, to, newestFirst, cancellationToken);

    public Task<JournalEntry?> FindAsync(string deviceId, long sequence, CancellationToken cancellationToken = default) =>
        journal.FindAsync(deviceId, sequence, cancellationToken);

    public Task<long> CountRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null, CancellationToken cancellationToken = default) =>
        journal.CountRangeAsync(from, to, district, cancellationToken);

    public Task<IReadOnlyList<string>> DevicesReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        journal.DevicesReceivedSinceAsync(since, cancellationToken);

    public Task<DateTimeOffset?> LastReceivedAsync(CancellationToken cancellationToken = default) => journal.LastReceivedAsync(cancellationToken);

    public Task<long> CountAsync(CancellationToken cancellationToken = default) => journal.CountAsync(cancellationToken);
}
