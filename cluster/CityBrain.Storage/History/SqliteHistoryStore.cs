using System.Globalization;
using CityBrain.Indicators.History;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.History;

/// <summary>History in one SQLite file (WAL). Writes from concurrent callers are committed together: whoever gets the
/// writer commits everything queued so far, so many grains closing the same hour share one transaction and one fsync.
/// Expired points are pruned by the first write after each prune interval, which needs no background service.</summary>
public sealed class SqliteHistoryStore : IHistoryStore
{
    private readonly HistoryStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<SqliteHistoryStore> _logger;
    private readonly SqliteDatabase _database;
    private readonly Lock _queueLock = new();
    private readonly SemaphoreSlim _writer = new(1, 1);
    private List<PendingWrite> _queue = [];
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    public SqliteHistoryStore(IOptions<HistoryStoreOptions> options, TimeProvider time, ILogger<SqliteHistoryStore> logger)
    {
        _options = options.Value;
        _options.Validate();
        _time = time;
        _logger = logger;
        // Full durability: history outlives the raw journal it is computed from, so it cannot always be rebuilt.
        _database = new SqliteDatabase(_options.DatabasePath, SqliteDurability.Full);
        // The primary key is the (scope, id, resolution, metric, start) index every read uses; history_age serves pruning.
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS history (
                scope      INTEGER NOT NULL,
                id         TEXT NOT NULL,
                resolution INTEGER NOT NULL,
                metric     TEXT NOT NULL,
                start      INTEGER NOT NULL,
                value      REAL,
                count      INTEGER NOT NULL,
                rule_set   TEXT,
                PRIMARY KEY (scope, id, resolution, metric, start)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS history_age ON history (scope, resolution, start);
            """);
    }

    public async ValueTask WriteAsync(IReadOnlyCollection<HistoryPoint> points, CancellationToken cancellationToken = default)
    {
        if (points.Count == 0) return;
        foreach (var point in points) Check(point);
        var pending = new PendingWrite(points);
        lock (_queueLock) _queue.Add(pending);
        // Once queued, a write is committed even if this caller stops waiting: another writer may already hold it.
        await _writer.WaitAsync(cancellationToken);
        try
        {
            // Off the caller's thread: a grain must not block its scheduler on disk I/O.
            if (!pending.Completion.Task.IsCompleted) await Task.Run(CommitQueued, CancellationToken.None);
        }
        finally
        {
            _writer.Release();
        }
        await pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryPoint>> ReadAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        var metrics = query.Metrics?.ToList();
        var metricFilter = metrics is null
            ? ""
            : $"AND metric IN ({string.Join(", ", metrics.Select((_, i) => $"$m{i}"))})";
        command.CommandText = $"""
            SELECT metric, start, value, count, rule_set FROM history
            WHERE scope = $scope AND id = $id AND resolution = $resolution AND start >= $from AND start < $to {metricFilter}
            ORDER BY metric, start
            """;
        command.Parameters.AddWithValue("$scope", Code(query.Scope));
        command.Parameters.AddWithValue("$id", query.Id);
        command.Parameters.AddWithValue("$resolution", Code(query.Resolution));
        command.Parameters.AddWithValue("$from", query.From.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", query.To.ToUnixTimeMilliseconds());
        for (var i = 0; i < (metrics?.Count ?? 0); i++) command.Parameters.AddWithValue($"$m{i}", metrics![i]);

        var points = new List<HistoryPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new HistoryPoint(
                query.Scope, query.Id, reader.GetString(0), query.Resolution,
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return points;
    }

    /// <summary>Deletes the points older than their retention now; returns how many.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            return await Task.Run(Prune, CancellationToken.None);
        }
        finally
        {
            _writer.Release();
        }
    }

    private void CommitQueued()
    {
        List<PendingWrite> batch;
        lock (_queueLock) (batch, _queue) = (_queue, []);
        try
        {
            using var connection = _database.Open();
            Commit(connection, batch);
            foreach (var pending in batch) pending.Completion.TrySetResult();
        }
        catch (Exception ex)
        {
            // Every caller in the batch hears of the failure, whatever it was; none is left waiting.
            _logger.LogError(ex, "History commit of {Writes} writes ({Points} points) failed", batch.Count, batch.Sum(b => b.Points.Count));
            foreach (var pending in batch) pending.Completion.TrySetException(ex);
            return;
        }
        if (_time.GetUtcNow() - _lastPruned < _options.PruneInterval) return;
        try
        {
            Prune();
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            // The writes are committed; a failed prune is retried after the next interval.
            _lastPruned = _time.GetUtcNow();
            _logger.LogWarning(ex, "History pruning failed; retrying in {Interval}", _options.PruneInterval);
        }
    }

    private static void Commit(SqliteConnection connection, List<PendingWrite> batch)
    {
        using var transaction = connection.BeginTransaction();
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO history (scope, id, resolution, metric, start, value, count, rule_set)
            VALUES ($scope, $id, $resolution, $metric, $start, $value, $count, $ruleSet)
            ON CONFLICT (scope, id, resolution, metric, start)
            DO UPDATE SET value = excluded.value, count = excluded.count, rule_set = excluded.rule_set
            """;
        var scope = upsert.Parameters.Add("$scope", SqliteType.Integer);
        var id = upsert.Parameters.Add("$id", SqliteType.Text);
        var resolution = upsert.Parameters.Add("$resolution", SqliteType.Integer);
        var metric = upsert.Parameters.Add("$metric", SqliteType.Text);
        var start = upsert.Parameters.Add("$start", SqliteType.Integer);
        var value = upsert.Parameters.Add("$value", SqliteType.Real);
        var count = upsert.Parameters.Add("$count", SqliteType.Integer);
        var ruleSet = upsert.Parameters.Add("$ruleSet", SqliteType.Text);
        upsert.Prepare();
        foreach (var point in batch.SelectMany(b => b.Points))
        {
            scope.Value = Code(point.Scope);
            id.Value = point.Id;
            resolution.Value = Code(point.Resolution);
            metric.Value = point.Metric;
            start.Value = point.Start.ToUnixTimeMilliseconds();
            value.Value = point.Value is { } v ? v : DBNull.Value;
            count.Value = point.Count;
            ruleSet.Value = point.RuleSet is { } r ? r : DBNull.Value;
            upsert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    private int Prune()
    {
        var now = _time.GetUtcNow();
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM history WHERE scope = $scope AND resolution = $resolution AND start < $cutoff";
        var scope = delete.Parameters.Add("$scope", SqliteType.Integer);
        var resolution = delete.Parameters.Add("$resolution", SqliteType.Integer);
        var cutoff = delete.Parameters.Add("$cutoff", SqliteType.Integer);
        var deleted = 0;
        foreach (var s in Enum.GetValues<HistoryScope>())
        {
            foreach (var r in Enum.GetValues<HistoryResolution>())
            {
                scope.Value = Code(s);
                resolution.Value = Code(r);
                cutoff.Value = (now - _options.RetentionOf(s, r)).ToUnixTimeMilliseconds();
                deleted += delete.ExecuteNonQuery();
            }
        }
        transaction.Commit();
        _lastPruned = now;
        if (deleted > 0)
        {
            _logger.LogInformation("History pruned {Count} expired points at {Now}", deleted, now.ToString("O", CultureInfo.InvariantCulture));
        }
        return deleted;
    }

    /// <summary>Refuses a point before it is queued, so one bad point fails only its own caller. SQLite would store NaN
    /// as NULL, turning a computing error into an "invalid period".</summary>
    private static void Check(HistoryPoint point)
    {
        if (string.IsNullOrEmpty(point.Id) || string.IsNullOrEmpty(point.Metric))
        {
            throw new ArgumentException($"history point {point} needs an id and a metric", nameof(point));
        }
        if (point.Value is { } v && !double.IsFinite(v))
        {
            throw new ArgumentException($"history point {point.Scope}/{point.Id}/{point.Metric} at {point.Start:O} has the non-finite value {v}; store an invalid period as null", nameof(point));
        }
        if (point.Count < 0) throw new ArgumentException($"history point {point.Scope}/{point.Id}/{point.Metric} has a negative count", nameof(point));
    }

    // Explicit codes rather than enum ordinals: reordering an enum must not reinterpret stored rows.
    private static int Code(HistoryScope scope) => scope switch
    {
        HistoryScope.Device => 1,
        HistoryScope.District => 2,
        HistoryScope.City => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    private static int Code(HistoryResolution resolution) => resolution switch
    {
        HistoryResolution.Hour => 1,
        HistoryResolution.Day => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, null),
    };

    private sealed record PendingWrite(IReadOnlyCollection<HistoryPoint> Points)
    {
        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
