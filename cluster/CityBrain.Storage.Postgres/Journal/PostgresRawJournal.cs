using System.Runtime.CompilerServices;
using CityBrain.Contracts.Journal;
using CityBrain.Storage.Journal;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Storage.Postgres.Journal;

/// <summary>The raw journal in the shared PostgreSQL, with group commit: appends from many concurrent callers queue up
/// and one committer per node inserts them with one statement, whose commit (synchronous, so flushed to the server's
/// disk) completes every caller at once. Several nodes append side by side.</summary>
/// <remarks>
/// <para>A position is taken from an identity when the row is inserted, not when it commits, so across devices
/// positions are not in commit order: a node's group may commit after another node's group with higher positions.
/// <see cref="ReadDeviceAfterAsync"/> is still exact, because it is asked about one device, and a device's appends are
/// made by its one grain activation, each awaited before the next. Its next entry takes its position after the
/// previous one committed, so a device's positions increase in commit order, and a grain that applied up to position
/// p finds everything of that device committed since strictly after p.</para>
/// <para>An append whose commit failed throws, and its sender retries later: when the connection broke during the
/// commit the entries may have been committed nevertheless, and the retry then reports them already present.</para>
/// </remarks>
public sealed partial class PostgresRawJournal : BackgroundService, IRawJournal
{
    private const string Insert = """
        INSERT INTO raw_journal (device_id, sequence, district, window_start, received_at, payload)
        SELECT device_id, sequence, district, window_start, received_at, payload
        FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::bytea[])
             WITH ORDINALITY AS e (device_id, sequence, district, window_start, received_at, payload, n)
        ORDER BY n
        ON CONFLICT (device_id, sequence) DO NOTHING
        RETURNING device_id, sequence, position
        """;

    private const string Select = "SELECT device_id, sequence, district, window_start, received_at, payload, position FROM raw_journal";

    private const string RangeFilter = "window_start >= $1 AND window_start < $2 AND ($3::text IS NULL OR district = $3)";

    private readonly JournalAppendQueue _queue = new();
    private readonly PostgresDatabase _database;
    private readonly RawJournalOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresRawJournal> _logger;

    public PostgresRawJournal(PostgresDatabase database, IOptions<RawJournalOptions> options, TimeProvider time, ILogger<PostgresRawJournal> logger)
    {
        _database = database;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    public ValueTask<JournalAppend> AppendAsync(JournalEntry entry, CancellationToken cancellationToken = default) =>
        _queue.AppendAsync(entry, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadDeviceAfterAsync(string deviceId, long position, CancellationToken cancellationToken = default) =>
        QueryAsync($"{Select} WHERE device_id = $1 AND position > $2 ORDER BY position", command =>
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = position });
        }, cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null,
        CancellationToken cancellationToken = default) =>
        QueryAsync($"{Select} WHERE {RangeFilter} ORDER BY device_id, position", command => AddRange(command, from, to, district), cancellationToken);

    public IAsyncEnumerable<JournalEntry> ReadDeviceWindowsAsync(string deviceId, DateTimeOffset from, DateTimeOffset to, bool newestFirst = false,
        CancellationToken cancellationToken = default)
    {
        var direction = newestFirst ? "DESC" : "ASC";
        return QueryAsync($"{Select} WHERE device_id = $1 AND window_start >= $2 AND window_start < $3 ORDER BY window_start {direction}, sequence {direction}",
            command =>
            {
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
            }, cancellationToken);
    }

    public async Task<JournalEntry?> FindAsync(string deviceId, long sequence, CancellationToken cancellationToken = default) =>
        await QueryAsync($"{Select} WHERE device_id = $1 AND sequence = $2", command =>
        {
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = sequence });
        }, cancellationToken).FirstOrDefaultAsync(cancellationToken);

    public async Task<long> CountRangeAsync(DateTimeOffset from, DateTimeOffset to, string? district = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM raw_journal WHERE {RangeFilter}", connection);
        AddRange(command, from, to, district);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<string>> DevicesReceivedSinceAsync(DateTimeOffset since, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT DISTINCT device_id FROM raw_journal WHERE received_at >= $1 ORDER BY device_id", connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        var devices = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) devices.Add(reader.GetString(0));
        return devices;
    }

    public async Task<DateTimeOffset?> LastReceivedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT max(received_at) FROM raw_journal", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime last ? new DateTimeOffset(last, TimeSpan.Zero) : null;
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM raw_journal", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Close();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var pruning = new PeriodicTimer(_options.PruneInterval, _time);
        var pruneLoop = PruneLoopAsync(pruning, stoppingToken);
        var committer = new Committer(this);
        try
        {
            var group = new List<PendingAppend>(_options.MaxGroupSize);
            while (await _queue.NextGroupAsync(group, _options.MaxGroupSize))
            {
                await committer.CommitAsync(group);
                group.Clear();
            }
        }
        finally
        {
            await committer.DisposeAsync();
        }
        await pruneLoop;
    }

    /// <summary>The entries a query selects (<see cref="Select"/> columns), read as they are consumed.</summary>
    private async IAsyncEnumerable<JournalEntry> QueryAsync(string sql, Action<NpgsqlCommand> parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        parameters(command);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) yield return Read(reader);
    }

    private static JournalEntry Read(NpgsqlDataReader reader) => new(reader.GetString(0), reader.GetInt64(1), reader.GetString(2),
        reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<byte[]>(5), reader.GetInt64(6));

    private static void AddRange(NpgsqlCommand command, DateTimeOffset from, DateTimeOffset to, string? district)
    {
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)district ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
    }

    private async Task PruneLoopAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var cutoff = _time.GetUtcNow() - _options.Retention;
                try
                {
                    await using var connection = await _database.OpenAsync(stoppingToken);
                    await using var command = new NpgsqlCommand("DELETE FROM raw_journal WHERE window_start < $1", connection);
                    command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = cutoff.ToUniversalTime() });
                    LogPruned(await command.ExecuteNonQueryAsync(stoppingToken), cutoff);
                }
                catch (Exception ex) when (ex is NpgsqlException or PostgresUnavailableException)
                {
                    // Every node prunes the same rows; whichever gets there next does what this one could not.
                    LogPruneFailed(ex, _options.PruneInterval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Commits groups on one connection kept between them, so a group costs one round trip. It drops the
    /// connection on any failure and opens another for the next group, and it reports an outage once when it begins
    /// and once when it ends, however many groups fail in between.</summary>
    private sealed class Committer(PostgresRawJournal journal) : IAsyncDisposable
    {
        private readonly FailureStreak _failures = new(journal._time);
        private NpgsqlConnection? _connection;

        public async Task CommitAsync(List<PendingAppend> group)
        {
            JournalAppend[] outcomes;
            try
            {
                _connection ??= await OpenAsync();
                outcomes = await InsertAsync(_connection, group);
            }
            catch (Exception ex)
            {
                await FailAsync(group, ex);
                return;
            }
            for (var i = 0; i < group.Count; i++) group[i].Completion.TrySetResult(outcomes[i]);
            if (_failures.Succeed() is { } outage) journal.LogRecovered(journal._database.Name, outage.Commits, outage.Items, outage.Duration);
        }

        private async Task<NpgsqlConnection> OpenAsync()
        {
            var connection = await journal._database.OpenAsync(CancellationToken.None);
            // Acknowledged means on the server's disk, whatever the server's default says.
            await using var durable = new NpgsqlCommand("SET synchronous_commit = on", connection);
            await durable.ExecuteNonQueryAsync();
            return connection;
        }

        /// <summary>One statement, so one transaction: rows go in the group's order and take increasing positions. A
        /// pair already in the table, or earlier in the same group, is skipped and returns no row.</summary>
        private static async Task<JournalAppend[]> InsertAsync(NpgsqlConnection connection, List<PendingAppend> group)
        {
            var devices = new string[group.Count];
            var sequences = new long[group.Count];
            var districts = new string[group.Count];
            var windows = new DateTimeOffset[group.Count];
            var received = new DateTimeOffset[group.Count];
            var payloads = new byte[group.Count][];
            for (var i = 0; i < group.Count; i++)
            {
                var entry = group[i].Entry;
                devices[i] = entry.DeviceId;
                sequences[i] = entry.Sequence;
                districts[i] = entry.District;
                windows[i] = entry.WindowStart.ToUniversalTime();
                received[i] = entry.ReceivedAt.ToUniversalTime();
                payloads[i] = group[i].PayloadArray();
            }
            await using var insert = new NpgsqlCommand(Insert, connection);
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = devices });
            insert.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = sequences });
            insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = districts });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = windows });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = received });
            insert.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads });
            var added = new Dictionary<(string Device, long Sequence), long>(group.Count);
            await using (var reader = await insert.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync()) added[(reader.GetString(0), reader.GetInt64(1))] = reader.GetInt64(2);
            }
            var outcomes = new JournalAppend[group.Count];
            for (var i = 0; i < group.Count; i++)
            {
                // The first of a pair in the group is the one inserted; a later one finds its row taken.
                outcomes[i] = added.Remove((devices[i], sequences[i]), out var position) ? new JournalAppend(true, position) : JournalAppend.AlreadyPresent;
            }
            return outcomes;
        }

        private async Task FailAsync(List<PendingAppend> group, Exception ex)
        {
            var unreachable = PostgresUnavailableException.IsUnreachable(ex) || ex is PostgresUnavailableException;
            if (_connection is not null)
            {
                await _connection.DisposeAsync();
                _connection = null;
            }
            if (unreachable) journal._database.ForgetConnections();
            if (_failures.Fail(group.Count)) journal.LogFailing(ex, journal._database.Name, group.Count);
            Exception failure = ex is PostgresUnavailableException || !unreachable ? ex : journal._database.Unreachable(ex);
            foreach (var pending in group) pending.Completion.TrySetException(failure);
        }

        public async ValueTask DisposeAsync()
        {
            if (_connection is not null) await _connection.DisposeAsync();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Raw journal commits to PostgreSQL {Database} are failing, starting with a group of {Count} entries; appends are refused (their senders retry) until a commit succeeds")]
    private partial void LogFailing(Exception exception, string database, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raw journal commits to PostgreSQL {Database} succeed again after {Groups} failed groups ({Entries} entries refused) over {Duration}")]
    private partial void LogRecovered(string database, int groups, long entries, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Raw journal pruned {Count} entries with windows before {Cutoff:O}")]
    private partial void LogPruned(int count, DateTimeOffset cutoff);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Raw journal pruning failed; retrying in {Interval}")]
    private partial void LogPruneFailed(Exception exception, TimeSpan interval);
}
