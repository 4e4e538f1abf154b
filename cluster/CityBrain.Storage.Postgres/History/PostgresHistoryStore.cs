using CityBrain.Indicators.History;
using CityBrain.Storage.History;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using static CityBrain.Storage.History.HistoryRules;

namespace CityBrain.Storage.Postgres.History;

/// <summary>History in the shared PostgreSQL. As in SQLite, writes from concurrent callers of a node are committed
/// together (whoever gets the writer commits everything queued so far, in one transaction), and expired points are
/// pruned by the first write after each prune interval.</summary>
public sealed partial class PostgresHistoryStore : IHistoryStore
{
    private readonly PostgresDatabase _database;
    private readonly HistoryStoreOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<PostgresHistoryStore> _logger;
    private readonly GroupCommit<HistoryWrite> _writes;
    private readonly FailureStreak _failures;
    private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;

    public PostgresHistoryStore(PostgresDatabase database, IOptions<HistoryStoreOptions> options, TimeProvider time, ILogger<PostgresHistoryStore> logger)
    {
        _database = database;
        _options = options.Value;
        _options.Validate();
        _time = time;
        _logger = logger;
        _failures = new FailureStreak(time);
        _writes = new GroupCommit<HistoryWrite>(CommitQueuedAsync);
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
        var metrics = query.Metrics?.ToArray();
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            SELECT metric, start, value, count, rule_set FROM history
            WHERE scope = $1 AND id = $2 AND resolution = $3 AND start >= $4 AND start < $5 {(metrics is null ? "" : "AND metric = ANY($6)")}
            ORDER BY metric, start
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)Code(query.Scope) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = query.Id });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)Code(query.Resolution) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.From.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = query.To.ToUniversalTime() });
        if (metrics is not null) command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = metrics });
        var points = new List<HistoryPoint>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            points.Add(new HistoryPoint(
                query.Scope, query.Id, reader.GetString(0), query.Resolution,
                reader.GetFieldValue<DateTimeOffset>(1),
                reader.IsDBNull(2) ? null : reader.GetDouble(2),
                reader.GetInt32(3),
                reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return points;
    }

    public async Task<IReadOnlyList<HourTotal>> ReadSharesAsync(HistoryScope childScope, string parent, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT hour, metric, sum(sum), sum(weight), count(*) FROM hour_shares
            WHERE scope = $1 AND parent = $2 AND hour >= $3 AND hour < $4
            GROUP BY hour, metric ORDER BY hour, metric
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)Code(childScope) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = parent });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = from.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = to.ToUniversalTime() });
        var totals = new List<HourTotal>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            totals.Add(new HourTotal(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetDouble(2), reader.GetDouble(3),
                checked((int)reader.GetInt64(4))));
        }
        return totals;
    }

    /// <summary>Deletes the points older than their retention now; returns how many.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken = default) => _writes.ExclusiveAsync(PruneUnqueuedAsync, cancellationToken);

    private async Task CommitQueuedAsync(IReadOnlyList<HistoryWrite> batch)
    {
        try
        {
            await CommitAsync(batch);
        }
        catch (Exception ex)
        {
            if (_failures.Fail(batch.Count)) LogCommitsFailing(ex, _database.Name, batch.Sum(b => b.Points.Count), batch.Sum(b => b.Shares.Count));
            throw;
        }
        if (_failures.Succeed() is { } streak) LogCommitsRecovered(_database.Name, streak.Commits, streak.Items, streak.Duration);
        if (_time.GetUtcNow() - _lastPruned < _options.PruneInterval) return;
        try
        {
            await PruneUnqueuedAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or PostgresUnavailableException)
        {
            // The writes are committed; a failed prune is retried after the next interval.
            _lastPruned = _time.GetUtcNow();
            LogPruneFailed(ex, _options.PruneInterval);
        }
    }

    /// <summary>Points, then shares, in one transaction. Within a batch the last write of a point or of a child's hour
    /// wins, as it would had each been written in turn; one statement may not touch a row twice.</summary>
    private async Task CommitAsync(IReadOnlyList<HistoryWrite> batch)
    {
        var points = new Dictionary<(HistoryScope, string, HistoryResolution, string, long), HistoryPoint>();
        foreach (var point in batch.SelectMany(b => b.Points))
        {
            points[(point.Scope, point.Id, point.Resolution, point.Metric, Microseconds(point.Start))] = point;
        }
        var shares = new Dictionary<(HistoryScope, string, long), HourShare>();
        foreach (var share in batch.SelectMany(b => b.Shares)) shares[(share.Scope, share.Child, Microseconds(share.Hour))] = share;

        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        if (points.Count > 0) await UpsertPointsAsync(connection, points.Values);
        if (shares.Count > 0) await ReplaceSharesAsync(connection, shares.Values);
        await transaction.CommitAsync();
    }

    private static async Task UpsertPointsAsync(NpgsqlConnection connection, IReadOnlyCollection<HistoryPoint> points)
    {
        await using var upsert = new NpgsqlCommand("""
            INSERT INTO history (scope, id, resolution, metric, start, value, count, rule_set)
            SELECT * FROM unnest($1::smallint[], $2::text[], $3::smallint[], $4::text[], $5::timestamptz[], $6::float8[], $7::integer[], $8::text[])
            ON CONFLICT (scope, id, resolution, metric, start)
            DO UPDATE SET value = excluded.value, count = excluded.count, rule_set = excluded.rule_set
            """, connection);
        upsert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. points.Select(p => (short)Code(p.Scope))] });
        upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. points.Select(p => p.Id)] });
        upsert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. points.Select(p => (short)Code(p.Resolution))] });
        upsert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. points.Select(p => p.Metric)] });
        upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. points.Select(p => p.Start.ToUniversalTime())] });
        upsert.Parameters.Add(new NpgsqlParameter<double?[]> { TypedValue = [.. points.Select(p => p.Value)] });
        upsert.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. points.Select(p => p.Count)] });
        upsert.Parameters.Add(new NpgsqlParameter<string?[]> { TypedValue = [.. points.Select(p => p.RuleSet)] });
        await upsert.ExecuteNonQueryAsync();
    }

    /// <summary>Each share replaces every row its child had for that hour, so a metric that lost its value goes too.</summary>
    private static async Task ReplaceSharesAsync(NpgsqlConnection connection, IReadOnlyCollection<HourShare> shares)
    {
        await using var delete = new NpgsqlCommand("""
            DELETE FROM hour_shares h USING unnest($1::smallint[], $2::text[], $3::timestamptz[]) AS s (scope, child, hour)
            WHERE h.scope = s.scope AND h.child = s.child AND h.hour = s.hour
            """, connection);
        delete.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. shares.Select(s => (short)Code(s.Scope))] });
        delete.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. shares.Select(s => s.Child)] });
        delete.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. shares.Select(s => s.Hour.ToUniversalTime())] });
        await delete.ExecuteNonQueryAsync();

        var rows = shares.SelectMany(s => s.Totals.Select(t => (Share: s, Total: t))).ToList();
        if (rows.Count == 0) return;
        await using var insert = new NpgsqlCommand("""
            INSERT INTO hour_shares (scope, child, hour, metric, parent, sum, weight)
            SELECT * FROM unnest($1::smallint[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::float8[], $7::float8[])
            """, connection);
        insert.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. rows.Select(r => (short)Code(r.Share.Scope))] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Share.Child)] });
        insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. rows.Select(r => r.Share.Hour.ToUniversalTime())] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Total.Metric)] });
        insert.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = [.. rows.Select(r => r.Share.Parent)] });
        insert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. rows.Select(r => r.Total.Sum)] });
        insert.Parameters.Add(new NpgsqlParameter<double[]> { TypedValue = [.. rows.Select(r => r.Total.Weight)] });
        await insert.ExecuteNonQueryAsync();
    }

    private async Task<int> PruneUnqueuedAsync()
    {
        var now = _time.GetUtcNow();
        var points = PointCutoffs(_options, now).ToList();
        var shares = ShareCutoffs(_options, now).ToList();
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = await connection.BeginTransactionAsync();
        await using var deletePoints = new NpgsqlCommand("""
            DELETE FROM history h USING unnest($1::smallint[], $2::smallint[], $3::timestamptz[]) AS c (scope, resolution, cutoff)
            WHERE h.scope = c.scope AND h.resolution = c.resolution AND h.start < c.cutoff
            """, connection);
        deletePoints.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. points.Select(c => (short)Code(c.Scope))] });
        deletePoints.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. points.Select(c => (short)Code(c.Resolution))] });
        deletePoints.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. points.Select(c => c.Cutoff.ToUniversalTime())] });
        var deleted = await deletePoints.ExecuteNonQueryAsync();
        await using var deleteShares = new NpgsqlCommand("""
            DELETE FROM hour_shares h USING unnest($1::smallint[], $2::timestamptz[]) AS c (scope, cutoff)
            WHERE h.scope = c.scope AND h.hour < c.cutoff
            """, connection);
        deleteShares.Parameters.Add(new NpgsqlParameter<short[]> { TypedValue = [.. shares.Select(c => (short)Code(c.Scope))] });
        deleteShares.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = [.. shares.Select(c => c.Cutoff.ToUniversalTime())] });
        deleted += await deleteShares.ExecuteNonQueryAsync();
        await transaction.CommitAsync();
        _lastPruned = now;
        if (deleted > 0) LogPruned(deleted, now);
        return deleted;
    }

    /// <summary>What PostgreSQL keeps of a time: two times within the same microsecond are one key.</summary>
    private static long Microseconds(DateTimeOffset time) => time.UtcTicks / 10;

    [LoggerMessage(Level = LogLevel.Error, Message = "History commits to PostgreSQL {Database} are failing, starting with {Points} points and {Shares} shares; writers hear of it until a commit succeeds")]
    private partial void LogCommitsFailing(Exception exception, string database, int points, int shares);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History commits to PostgreSQL {Database} succeed again after {Commits} failed commits ({Writes} writes refused) over {Duration}")]
    private partial void LogCommitsRecovered(string database, int commits, long writes, TimeSpan duration);

    [LoggerMessage(Level = LogLevel.Warning, Message = "History pruning failed; retrying in {Interval}")]
    private partial void LogPruneFailed(Exception exception, TimeSpan interval);

    [LoggerMessage(Level = LogLevel.Information, Message = "History pruned {Count} expired points at {Now:O}")]
    private partial void LogPruned(int count, DateTimeOffset now);
}
