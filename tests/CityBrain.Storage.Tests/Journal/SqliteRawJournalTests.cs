using CityBrain.Storage.Journal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Storage.Tests.Journal;

public sealed class SqliteRawJournalTests
{
    private static readonly DateTimeOffset Window = new(2026, 11, 23, 0, 0, 0, TimeSpan.Zero);
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-journal-").FullName, "journal.db");

    private SqliteRawJournal Create() => new(Options.Create(new RawJournalOptions { DatabasePath = _path }),
        new FakeTimeProvider(Window), NullLogger<SqliteRawJournal>.Instance);

    private static JournalEntry Entry(string device, long sequence, int minute = 0) =>
        new(device, sequence, "haidian", Window.AddMinutes(minute), Window.AddMinutes(minute + 1), new byte[] { 1, 2, (byte)sequence });

    [Fact]
    public async Task Concurrent_appends_are_all_committed_and_survive_reopening()
    {
        var journal = Create();
        await journal.StartAsync(CancellationToken.None);

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => journal.AppendAsync(Entry($"gw-{i % 7}", i)).AsTask()));
        await journal.StopAsync(CancellationToken.None);

        var reopened = Create();
        Assert.Equal(500, await reopened.CountAsync());
        Assert.Equal(500, journal.Committed);
    }

    [Fact]
    public async Task Appending_the_same_device_and_sequence_again_is_harmless()
    {
        var journal = Create();
        await journal.StartAsync(CancellationToken.None);

        await journal.AppendAsync(Entry("gw-1", 1));
        await journal.AppendAsync(Entry("gw-1", 1));
        await journal.AppendAsync(Entry("gw-2", 1));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal(2, await journal.CountAsync());
    }

    [Fact]
    public async Task A_device_range_reads_back_in_window_order_with_its_payload()
    {
        var journal = Create();
        await journal.StartAsync(CancellationToken.None);
        await journal.AppendAsync(Entry("gw-1", 2, minute: 2));
        await journal.AppendAsync(Entry("gw-1", 1, minute: 1));
        await journal.AppendAsync(Entry("gw-1", 3, minute: 30));
        await journal.StopAsync(CancellationToken.None);

        var entries = await journal.ReadDeviceAsync("gw-1", Window, Window.AddMinutes(10));

        Assert.Equal([1L, 2L], entries.Select(e => e.Sequence));
        Assert.Equal(new byte[] { 1, 2, 1 }, entries[0].Payload.ToArray());
        Assert.Equal(Window.AddMinutes(1), entries[0].WindowStart);
    }

    [Fact]
    public async Task An_append_waits_for_its_commit()
    {
        var journal = Create();
        var pending = journal.AppendAsync(Entry("gw-1", 1)).AsTask();

        // No writer yet: nothing is durable, so nothing may be acknowledged.
        await Task.Delay(100);
        Assert.False(pending.IsCompleted);

        await journal.StartAsync(CancellationToken.None);
        await pending.WaitAsync(TimeSpan.FromSeconds(30));
        await journal.StopAsync(CancellationToken.None);
        Assert.Equal(1, await journal.CountAsync());
    }
}
