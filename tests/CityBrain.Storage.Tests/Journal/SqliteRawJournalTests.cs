using CityBrain.Contracts.Journal;
using CityBrain.Storage.Journal;
using Microsoft.Data.Sqlite;
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

    private static JournalEntry Entry(string device, long sequence, int minute = 0, string district = "haidian") =>
        new(device, sequence, district, Window.AddMinutes(minute), Window.AddMinutes(minute + 1), new byte[] { 1, 2, (byte)sequence });

    private async Task<SqliteRawJournal> StartedAsync()
    {
        var journal = Create();
        await journal.StartAsync(CancellationToken.None);
        return journal;
    }

    private static async Task<List<JournalEntry>> ListAsync(IAsyncEnumerable<JournalEntry> entries)
    {
        var list = new List<JournalEntry>();
        await foreach (var entry in entries) list.Add(entry);
        return list;
    }

    [Fact]
    public async Task Concurrent_appends_are_all_committed_and_survive_reopening()
    {
        var journal = await StartedAsync();

        var appended = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => journal.AppendAsync(Entry($"gw-{i % 7}", i)).AsTask()));
        await journal.StopAsync(CancellationToken.None);

        var reopened = Create();
        Assert.Equal(500, await reopened.CountAsync());
        Assert.Equal(500, journal.Committed);
        Assert.All(appended, a => Assert.True(a.Added));
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), appended.Select(a => a.Position).Order());
    }

    [Fact]
    public async Task Appending_the_same_device_and_sequence_again_adds_nothing_and_says_so()
    {
        var journal = await StartedAsync();

        var first = await journal.AppendAsync(Entry("gw-1", 1));
        var again = await journal.AppendAsync(Entry("gw-1", 1));
        var other = await journal.AppendAsync(Entry("gw-2", 1));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal((true, false, true), (first.Added, again.Added, other.Added));
        Assert.Equal(2, await journal.CountAsync());
        Assert.True(other.Position > first.Position);
    }

    [Fact]
    public async Task A_very_old_sequence_that_was_never_accepted_is_added()
    {
        var journal = await StartedAsync();
        await journal.AppendAsync(Entry("gw-1", 9_007_199_254_740_991));

        var old = await journal.AppendAsync(Entry("gw-1", 5));

        Assert.True(old.Added);
        await journal.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_device_reads_back_what_came_after_a_position_in_commit_order_with_its_payload()
    {
        var journal = await StartedAsync();
        var first = await journal.AppendAsync(Entry("gw-1", 2, minute: 2));
        await journal.AppendAsync(Entry("gw-2", 1, minute: 1));
        await journal.AppendAsync(Entry("gw-1", 1, minute: 1));
        await journal.AppendAsync(Entry("gw-1", 3, minute: 30));
        await journal.StopAsync(CancellationToken.None);

        var after = await ListAsync(journal.ReadDeviceAfterAsync("gw-1", first.Position));
        var all = await ListAsync(journal.ReadDeviceAfterAsync("gw-1", 0));

        Assert.Equal([1L, 3L], after.Select(e => e.Sequence));
        Assert.Equal([2L, 1L, 3L], all.Select(e => e.Sequence));
        Assert.Equal(new byte[] { 1, 2, 1 }, after[0].Payload.ToArray());
        Assert.Equal(Window.AddMinutes(1), after[0].WindowStart);
        Assert.True(after[0].Position > first.Position);
    }

    [Fact]
    public async Task A_range_reads_by_window_and_district_device_by_device()
    {
        var journal = await StartedAsync();
        await journal.AppendAsync(Entry("gw-2", 1, minute: 5));
        await journal.AppendAsync(Entry("gw-1", 1, minute: 5));
        await journal.AppendAsync(Entry("gw-1", 2, minute: 70));
        await journal.AppendAsync(Entry("gw-3", 1, minute: 5, district: "chaoyang"));
        await journal.StopAsync(CancellationToken.None);

        var range = await ListAsync(journal.ReadRangeAsync(Window, Window.AddHours(1), "haidian"));

        Assert.Equal(["gw-1/1", "gw-2/1"], range.Select(e => $"{e.DeviceId}/{e.Sequence}"));
    }

    [Fact]
    public async Task The_devices_heard_from_lately_are_found_from_the_newest_entries()
    {
        var journal = await StartedAsync();
        await journal.AppendAsync(Entry("gw-old", 1, minute: 0));
        await journal.AppendAsync(Entry("gw-new", 1, minute: 30));
        await journal.AppendAsync(Entry("gw-newer", 1, minute: 40));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal(Window.AddMinutes(41), await journal.LastReceivedAsync());
        Assert.Equal(["gw-new", "gw-newer"], await journal.DevicesReceivedSinceAsync(Window.AddMinutes(31)));
    }

    [Fact]
    public async Task A_journal_of_the_first_format_is_migrated_with_negative_positions_that_no_device_replays()
    {
        using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                CREATE TABLE raw_telemetry (device_id TEXT NOT NULL, sequence INTEGER NOT NULL, district TEXT NOT NULL,
                    window_start INTEGER NOT NULL, received_at INTEGER NOT NULL, payload BLOB NOT NULL,
                    PRIMARY KEY (device_id, sequence)) WITHOUT ROWID;
                INSERT INTO raw_telemetry VALUES ('gw-1', 7, 'haidian', 0, 2000, x'01'), ('gw-1', 8, 'haidian', 0, 1000, x'02');
                """;
            command.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();

        var journal = await StartedAsync();
        var next = await journal.AppendAsync(Entry("gw-1", 9));
        var duplicate = await journal.AppendAsync(Entry("gw-1", 7));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal(3, await journal.CountAsync());
        Assert.Equal((true, 1L, false), (next.Added, next.Position, duplicate.Added));
        Assert.Equal([9L], (await ListAsync(journal.ReadDeviceAfterAsync("gw-1", 0))).Select(e => e.Sequence));
        var migrated = await ListAsync(journal.ReadDeviceAfterAsync("gw-1", long.MinValue));
        Assert.Equal([(8L, -2L), (7L, -1L), (9L, 1L)], migrated.Select(e => (e.Sequence, e.Position)));
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
