using System.Globalization;
using CityBrain.Indicators.History;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static CityBrain.Storage.History.HistoryRules;

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
    private readonly GroupCommit<HistoryWrite> _writes;
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    public SqliteHistoryStore(IOptions<HistoryStoreOptions> options, TimeProvider time, ILogger<SqliteHistoryStore> logger)
    {
        _options = options.Value;
        _options.Validate();
        if (string.IsNullOrWhiteSpace(_options.DatabasePath)) throw new ArgumentException($"History:{nameof(HistoryStoreOptions.DatabasePath)} is empty");
        _time = time;
        _logger = logger;
        // Off the caller's thread: a grain must not block its scheduler on disk I/O.
        _writes = new GroupCommit<HistoryWrite>(batch => Task.Run(() => CommitQueued(batch)));
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
            CREATE TABLE IF NOT EXISTS hour_shares (
                scope  INTEGER NOT NULL,
                child  TEXT NOT NULL,
                hour   INTEGER NOT NULL,
                metric TEXT NOT NULL,
                parent TEXT NOT NULL,
                sum    REAL NOT NULL,
                weight REAL NOT NULL,
                PRIMARY KEY (scope, child, hour, metric)
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS hour_shares_parent ON hour_shares (scope, parent, hour);
            """);
    }

    public ValueTask WriteAsync(IReadOnlyCollection<HistoryPoint> points, CancellationToken cancellationToken = default) =>
        WriteAsync(points, [], cancellationToken);

    public async ValueTask WriteAsync(IReadOnlyCollection<HistoryPoint> points, IReadOnlyCollection<HourShare> shares, CancellationToken cancellationToken = default)
    {
        if (points.Count == 0 && shares.Count == 0) return;
        foreach (var point in points) Check(point);
        foreach (var share in shares) Check(share);
        await _writes.WriteAsync(new HistoryWrite(points, shares), cancellationToken);
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

    public async Task<IReadOnlyList<HourTotal>> ReadSharesAsync(HistoryScope childScope, string parent, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT hour, metric, sum(sum), sum(weight), count(*) FROM hour_shares
            WHERE scope = $scope AND parent = $parent AND hour >= $from AND hour < $to
            GROUP BY hour, metric ORDER BY hour, metric
            """;
        command.Parameters.AddWithValue("$scope", Code(childScope));
        command.Parameters.AddWithValue("$parent", parent);
        command.Parameters.AddWithValue("$from", from.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$to", to.ToUnixTimeMilliseconds());
        var totals = new List<HourTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new HourTotal(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1),
                reader.GetDouble(2), reader.GetDouble(3), reader.GetInt32(4)));
        }
        return totals;
    }

    /// <summary>Deletes the points older than their retention now; returns how many.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default) =>
        _writes.ExclusiveAsync(() => Task.Run(Prune, CancellationToken.None), cancellationToken);

    private void CommitQueued(IReadOnlyList<HistoryWrite> batch)
    {
        try
        {
            using var connection = _database.Open();
            Commit(connection, batch);
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "History commit of {Writes} writes ({Points} points, {Shares} shares) failed", batch.Count,
                batch.Sum(b => b.Points.Count), batch.Sum(b => b.Shares.Count));
            throw;
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

    private static void Commit(SqliteConnection connection, IReadOnlyList<HistoryWrite> batch)
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
        CommitShares(connection, transaction, batch.SelectMany(b => b.Shares));
        transaction.Commit();
    }

    /// <summary>Each share replaces every row its child had for that hour, so a metric that lost its value goes too.</summary>
    private static void CommitShares(SqliteConnection connection, SqliteTransaction transaction, IEnumerable<HourShare> shares)
    {
        using var delete = connection.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM hour_shares WHERE scope = $scope AND child = $child AND hour = $hour";
        var dScope = delete.Parameters.Add("$scope", SqliteType.Integer);
        var dChild = delete.Parameters.Add("$child", SqliteType.Text);
        var dHour = delete.Parameters.Add("$hour", SqliteType.Integer);
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO hour_shares (scope, child, hour, metric, parent, sum, weight) VALUES ($scope, $child, $hour, $metric, $parent, $sum, $weight)
            """;
        var scope = insert.Parameters.Add("$scope", SqliteType.Integer);
        var child = insert.Parameters.Add("$child", SqliteType.Text);
        var hour = insert.Parameters.Add("$hour", SqliteType.Integer);
        var metric = insert.Parameters.Add("$metric", SqliteType.Text);
        var parent = insert.Parameters.Add("$parent", SqliteType.Text);
        var sum = insert.Parameters.Add("$sum", SqliteType.Real);
        var weight = insert.Parameters.Add("$weight", SqliteType.Real);
        foreach (var share in shares)
        {
            dScope.Value = scope.Value = Code(share.Scope);
            dChild.Value = child.Value = share.Child;
            dHour.Value = hour.Value = share.Hour.ToUnixTimeMilliseconds();
            delete.ExecuteNonQuery();
            parent.Value = share.Parent;
            foreach (var total in share.Totals)
            {
                metric.Value = total.Metric;
                sum.Value = total.Sum;
                weight.Value = total.Weight;
                insert.ExecuteNonQuery();
            }
        }
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
        foreach (var (s, r, c) in PointCutoffs(_options, now))
        {
            scope.Value = Code(s);
            resolution.Value = Code(r);
            cutoff.Value = c.ToUnixTimeMilliseconds();
            deleted += delete.ExecuteNonQuery();
        }
        using var shares = connection.CreateCommand();
        shares.Transaction = transaction;
        shares.CommandText = "DELETE FROM hour_shares WHERE scope = $scope AND hour < $cutoff";
        var shareScope = shares.Parameters.Add("$scope", SqliteType.Integer);
        var shareCutoff = shares.Parameters.Add("$cutoff", SqliteType.Integer);
        foreach (var (s, c) in ShareCutoffs(_options, now))
        {
            shareScope.Value = Code(s);
            shareCutoff.Value = c.ToUnixTimeMilliseconds();
            deleted += shares.ExecuteNonQuery();
        }
        transaction.Commit();
        _lastPruned = now;
        if (deleted > 0)
        {
            _logger.LogInformation("History pruned {Count} expired points at {Now}", deleted, now.ToString("O", CultureInfo.InvariantCulture));
        }
        return deleted;
    }
}
