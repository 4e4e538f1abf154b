using CityBrain.Storage.Journal;
using CityBrain.Storage.Tests.Contracts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.Tests.Journal;

public sealed class SqliteRawJournalTests : RawJournalContract<SqliteRawJournal>
{
    private readonly string _path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-journal-").FullName, "journal.db");

    protected override SqliteRawJournal Create(Action<RawJournalOptions>? configure = null)
    {
        var options = new RawJournalOptions { DatabasePath = _path };
        configure?.Invoke(options);
        return new SqliteRawJournal(Options.Create(options), Time, NullLogger<SqliteRawJournal>.Instance);
    }

    [Fact]
    public async Task Positions_follow_the_one_writer_and_every_entry_handed_to_it_is_counted()
    {
        var journal = await StartedAsync();

        var appended = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => journal.AppendAsync(Entry($"gw-{i % 7}", i)).AsTask()));
        await journal.StopAsync(CancellationToken.None);

        Assert.Equal(500, journal.Committed);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), appended.Select(a => a.Position).Order());
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
}
