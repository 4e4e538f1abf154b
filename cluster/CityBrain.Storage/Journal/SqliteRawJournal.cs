using System.Globalization;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.Journal;

/// <summary>SQLite journal with group commit: appends from many concurrent callers queue up and one writer commits
/// them together, so each caller waits for one fsync shared with everybody else instead of one of its own.</summary>
public sealed class SqliteRawJournal : BackgroundService, IRawJournal
{
    private readonly Channel<PendingAppend> _queue = Channel.CreateUnbounded<PendingAppend>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly RawJournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteRawJournal> _logger;
    private readonly SqliteDatabase _database;
    private long _committed;

    public SqliteRawJournal(IOptions<RawJournalOptions> options, TimeProvider time, ILogger<SqliteRawJournal> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _database = new SqliteDatabase(_options.DatabasePath, SqliteDurability.Full);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS raw_telemetry (
                device_id    TEXT NOT NULL,
                sequence     INTEGER NOT NULL,
                district     TEXT NOT NULL,
                window_start INTEGER NOT NULL,
                received_at  INTEGER NOT NULL,
                payload      BLOB NOT NULL,
                PRIMARY KEY (device_id, sequence)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS raw_telemetry_window ON raw_telemetry (window_start);
            """);
    }

    /// <summary>Entries committed since start, duplicates included.</summary>
    public long Committed => Interlocked.Read(ref _committed);

    public ValueTask AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default)
    {
        var pending = new PendingAppend(entry);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("the raw journal is shut down and accepts no more entries");
        }
        return new ValueTask(pending.Completion.Task.WaitAsync(cancellationToken));
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadDeviceAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT sequence, district, window_start, received_at, payload FROM raw_telemetry
            WHERE device_id = $device AND window_start >= $from AND window_start < $to ORDER BY window_start, sequence
            """;
        command.Parameters.AddWithValue("$device", deviceId);
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        var entries = new List<JournalEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new JournalEntry(deviceId, reader.GetInt64(0), reader.GetString(1),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), (byte[])reader["payload"]));
        }
        return entries;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM raw_telemetry";
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var pruning = new PeriodicTimer(_options.PruneInterval, _time);
        var pruneLoop = PruneLoopAsync(pruning, stoppingToken);
        await using var connection = _database.Open();
        var batch = new List<PendingAppend>(_options.MaxGroupSize);
        // The writer drains what is queued even after shutdown starts, so nothing already handed to it is abandoned.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < _options.MaxGroupSize && _queue.Reader.TryRead(out var next)) batch.Add(next);
            try
            {
                Commit(connection, batch);
                Interlocked.Add(ref _committed, batch.Count);
                foreach (var pending in batch) pending.Completion.TrySetResult();
            }
            catch (Exception ex) when (ex is SqliteException or IOException)
            {
                _logger.LogError(ex, "Raw journal commit of {Count} entries failed; their senders will retry", batch.Count);
                foreach (var pending in batch) pending.Completion.TrySetException(ex);
            }
            batch.Clear();
        }
        await pruneLoop;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private static void Commit(SqliteConnection connection, List<PendingAppend> batch)
    {
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT OR IGNORE INTO raw_telemetry (device_id, sequence, district, window_start, received_at, payload)
            VALUES ($device, $sequence, $district, $window, $received, $payload)
            """;
        var device = insert.Parameters.Add("$device", SqliteType.Text);
        var sequence = insert.Parameters.Add("$sequence", SqliteType.Integer);
        var district = insert.Parameters.Add("$district", SqliteType.Text);
        var window = insert.Parameters.Add("$window", SqliteType.Integer);
        var received = insert.Parameters.Add("$received", SqliteType.Integer);
        var payload = insert.Parameters.Add("$payload", SqliteType.Blob);
        insert.Prepare();
        foreach (var pending in batch)
        {
            var e = pending.Entry;
            device.Value = e.DeviceId;
            sequence.Value = e.Sequence;
            district.Value = e.District;
            window.Value = e.WindowStart.ToUnixTimeMilliseconds();
            received.Value = e.ReceivedAt.ToUnixTimeMilliseconds();
            // The one writer thread paces every commit: a payload that is a whole array already is bound, not copied.
            payload.Value = MemoryMarshal.TryGetArray(e.Payload, out var whole) && whole is { Offset: 0, Array: { } array } && array.Length == whole.Count
                ? array
                : e.Payload.ToArray();
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
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
                command.CommandText = "DELETE FROM raw_telemetry WHERE window_start < $cutoff";
                command.Parameters.AddWithValue("$cutoff", cutoff.ToUnixTimeMilliseconds());
                var pruned = await command.ExecuteNonQueryAsync(stoppingToken);
                _logger.LogInformation("Raw journal pruned {Count} entries older than {Cutoff}", pruned, cutoff.ToString("O", CultureInfo.InvariantCulture));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed record PendingAppend(JournalEntry Entry)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
