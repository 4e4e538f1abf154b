using System.Globalization;
using System.Runtime.CompilerServices;
using CityBrain.Contracts.Journal;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.Journal;

/// <summary>SQLite journal with group commit: appends from many concurrent callers queue up and one writer commits
/// them together, so each caller waits for one fsync shared with everybody else instead of one of its own. The one
/// writer also numbers the entries: a position is the row id, so commit order is the table's own order and an append
/// lands at the end of the file's B-tree.</summary>
public sealed class SqliteRawJournal : BackgroundService, IRawJournal
{
    private readonly JournalAppendQueue _queue = new();
    private readonly RawJournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteRawJournal> _logger;
    private readonly SqliteDatabase _database;
    private long _lastPosition;
    private long _committed;

    public SqliteRawJournal(IOptions<RawJournalOptions> options, TimeProvider time, ILogger<SqliteRawJournal> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _database = new SqliteDatabase(_options.DatabasePath, SqliteDurability.Full);
        using var connection = _database.Open();
        RawJournalSchema.Migrate(connection, logger);
        _lastPosition = RawJournalSchema.LastPosition(connection);
    }

    /// <summary>Entries handed to the writer and committed since start, duplicates included.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    public ValueTask<JournalAppend> AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default) =>
        _queue.AppendAsync(entry, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadDeviceAfterAsync(string deviceId, long position, CancellationToken cancellationToken = default) =>
        QueryAsync($"{Select} WHERE device_id = $device AND position > $position ORDER BY position", command =>
        {
            command.Parameters.AddWithValue("$device", deviceId);
            command.Parameters.AddWithValue("$position", position);
        }, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null,
        CancellationToken cancellationToken = default) =>
        QueryAsync($"{Select} WHERE {RangeFilter} ORDER BY device_id, position", command => AddRange(command, from, to, district), cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadDeviceWindowsAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, bool newestFirst = false,
        CancellationToken cancellationToken = default)
    {
        var direction = newestFirst ? "DESC" : "ASC";
        return QueryAsync($"{Select} WHERE device_id = $device AND window_start >= $from AND window_start < $to " +
            $"ORDER BY window_start {direction}, sequence {direction}", command =>
            {
                command.Parameters.AddWithValue("$device", deviceId);
                command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
            }, cancellationToken);
    }

    public async Task<JournalEntry?> FindAsync(string deviceId, long sequence, CancellationToken cancellationToken = default) =>
        await QueryAsync($"{Select} WHERE device_id = $device AND sequence = $sequence", command =>
        {
            command.Parameters.AddWithValue("$device", deviceId);
            command.Parameters.AddWithValue("$sequence", sequence);
        }, cancellationToken).FirstOrDefaultAsync(cancellationToken);

    public async Task<long> CountRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT count(*) FROM raw_journal WHERE {RangeFilter}";
        AddRange(command, from, to, district);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<string>> DevicesReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        // Newest first by position, which follows the receive time closely (an entry is committed moments after it
        // arrived); the scan stops a margin past the cut so a message that waited in a queue is not missed.
        var stopAt = (since - TimeSpan.FromMinutes(5)).ToUnixTimeMilliseconds();
        var devices = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT device_id, received_at FROM raw_journal ORDER BY position DESC";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var received = reader.GetInt64(1);
            if (received < stopAt) break;
            if (received >= since.ToUnixTimeMilliseconds()) devices.Add(reader.GetString(0));
        }
        return [.. devices.Order(StringComparer.Ordinal)];
    }

    public async Task<DateTimeOffset?> LastReceivedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT max(received_at) FROM raw_journal";
        return await command.ExecuteScalarAsync(cancellationToken) is long ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM raw_journal";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var pruning = new PeriodicTimer(_options.PruneInterval, _time);
        var pruneLoop = PruneLoopAsync(pruning, stoppingToken);
        await using var connection = _database.Open();
        var batch = new List<PendingAppend>(_options.MaxGroupSize);
        var outcomes = new List<JournalAppend>(_options.MaxGroupSize);
        while (await _queue.NextGroupAsync(batch, _options.MaxGroupSize))
        {
            try
            {
                _lastPosition = Commit(connection, batch, _lastPosition, outcomes);
                Interlocked.Add(ref _committed, batch.Count);
                for (var i = 0; i < batch.Count; i++) batch[i].Completion.TrySetResult(outcomes[i]);
            }
            catch (Exception ex) when (ex is SqliteException or IOException)
            {
                _logger.LogError(ex, "Raw journal commit of {Count} entries failed; their senders will retry", batch.Count);
                foreach (var pending in batch) pending.Completion.TrySetException(ex);
            }
            batch.Clear();
            outcomes.Clear();
        }
        await pruneLoop;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Close();
        await base.StopAsync(cancellationToken);
    }

    private const string Select = "SELECT device_id, sequence, district, window_start, received_at, payload, position FROM raw_journal";

    private const string RangeFilter = "window_start >= $from AND window_start < $to AND ($district IS NULL OR district = $district)";

    private static void AddRange(SqliteCommand command, DateTimeOffset from, DateTimeOffset to, string? district)
    {
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$district", (object?)district ?? DBNull.Value);
    }

    /// <summary>The entries a query selects (<see cref="Select"/> columns), read as they are consumed.</summary>
    private async IAsyncEnumerable<JournalEntry> QueryAsync(string sql, Action<SqliteCommand> parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        parameters(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return Read(reader);
    }

    private static JournalEntry Read(SqliteDataReader reader) => new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)),
        (byte[])reader[5], reader.GetInt64(6));

    /// <summary>Commits the batch in one transaction and returns the last position used; a failed commit uses none.</summary>
    private static long Commit(SqliteConnection connection, List<PendingAppend> batch, long lastPosition, List<JournalAppend> outcomes)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO raw_journal (position, device_id, sequence, district, window_start, received_at, payload)
            VALUES ($position, $device, $sequence, $district, $window, $received, $payload)
            ON CONFLICT (device_id, sequence) DO NOTHING
            """;
        var position = insert.Parameters.Add("$position", SqliteType.Integer);
        var device = insert.Parameters.Add("$device", SqliteType.Text);
        var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        var district = insert.Parameters.Add("$district", SqliteType.Text);
        var window = insert.Parameters.Add("$window", SqliteType.Integer);
        var received = insert.Parameters.Add("$received", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Prepare();
        var next = lastPosition;
        foreach (var pending in batch)
        {
            var e = pending.Entry;
            position.Value = next + 1;
            device.Value = e.DeviceId;
            sequence.Value = e.Sequence;
            district.Value = e.District;
            window.Value = e.WindowStart.ToUnixTimeMilliseconds();
            received.Value = e.ReceivedAt.ToUnixTimeMilliseconds();
            payload.Value = pending.PayloadArray();
            if (insert.ExecuteNonQuery() == 1)
            {
                next++;
                outcomes.Add(new JournalAppend(true, next));
            }
            else
            {
                outcomes.Add(JournalAppend.AlreadyPresent);
            }
        }
        transaction.Commit();
        return next;
    }

    private async Task PruneLoopAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var cutoff = _time.GetUtcNow() - _options.Retention;
                await using var connection = _database.Open();
                await using var command = connection.CreateCommand();
                command.CommandText = "DELETE FROM raw_journal WHERE window_start < $cutoff";
                command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
                var pruned = await command.ExecuteNonQueryAsync(stoppingToken);
                _logger.LogInformation("Raw journal pruned {Count} entries older than {Cutoff}", pruned, cutoff.ToString("O", CultureInfo.InvariantCulture));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
