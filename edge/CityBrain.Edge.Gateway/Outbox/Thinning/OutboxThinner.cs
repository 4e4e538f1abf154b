using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Outbox.Thinning;

/// <summary>Keeps the outbox within its disk budget. When the database grows past the budget, the oldest reports
/// are merged pairwise with their neighbour into longer windows (never across a <see cref="OutboxOptions.MaxThinnedWindow"/>
/// boundary), the oldest data first, until it is back under 90 % of the budget. Only when nothing is left to merge are
/// the oldest reports dropped. Reports that were ever handed to the broker are never touched: the broker may have
/// them, and a merged report under an already delivered sequence number would be dropped by the cluster as a duplicate.</summary>
internal sealed class OutboxThinner(DiskBudget budget, TimeSpan maxWindow, ILogger logger)
{
    private const int MaxRounds = 64;

    /// <summary>A merge rewrites one to two pages; transactions stay within about half the write-ahead log's share
    /// (only a budget of a few hundred KiB goes a little past it for a moment, before the log is truncated).</summary>
    private readonly int _pairsPerTransaction = (int)Math.Clamp(budget.Configured.WalBytes / (2 * 4096) / 2, 16, 1024);

    public void Enforce(SqliteConnection connection)
    {
        var share = budget.Current();
        if (DiskBudget.UsedBytes(connection) > share.DatabaseBytes) Thin(connection, share);
        // The log's share is lent to the database's free pages while the log is small; when both together pass the
        // budget the log gives its space back. A reader holding an old snapshot can keep a checkpoint from
        // finishing (it reports busy, it does not throw): the next write tries again.
        else if (budget.FilesOver(share)) Checkpoint(connection);
    }

    private void Thin(SqliteConnection connection, BudgetShare share)
    {
        long thinned = 0, dropped = 0;
        for (var round = 0; round < MaxRounds; round++)
        {
            var excess = DiskBudget.UsedBytes(connection) - share.LowWaterBytes;
            if (excess <= 0) break;
            var merged = MergeOldest(connection, excess);
            thinned += merged;
            if (merged > 0) continue;
            var gone = Drop(connection, excess);
            dropped += gone;
            if (gone == 0) break;
        }
        // The merges went through the write-ahead log; give its space back now rather than at some later checkpoint.
        Checkpoint(connection);
        logger.LogWarning("Outbox over its disk budget of {Budget} bytes: {Thinned} reports merged into longer windows, {Dropped} dropped; now {Used} bytes",
            share.TotalBytes, thinned, dropped, DiskBudget.UsedBytes(connection));
    }

    /// <summary>Waits at most a second for readers to leave the log: the writer must not stall the next reports for
    /// the connection's full busy timeout behind a slow reader.</summary>
    private static void Checkpoint(SqliteConnection connection)
    {
        using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = $"PRAGMA busy_timeout = 1000; PRAGMA wal_checkpoint(TRUNCATE); PRAGMA busy_timeout = {SqliteDatabase.BusyTimeoutMilliseconds}";
        checkpoint.ExecuteNonQuery();
    }

    /// <summary>One scan from the oldest report: pairs adjacent mergeable reports of each device until their removal
    /// frees about <paramref name="excess"/> bytes, then merges them. Returns how many reports disappeared into a neighbour.</summary>
    private int MergeOldest(SqliteConnection connection, long excess)
    {
        var pairs = new List<(Row First, Row Second)>();
        var previous = new Dictionary<string, Row>(StringComparer.Ordinal);
        long freed = 0;
        foreach (var row in Candidates(connection))
        {
            if (previous.Remove(row.Device, out var first) && ReportMerger.CanMerge(first.WindowStart, first.WindowSeconds, row.WindowStart, row.WindowSeconds, maxWindow))
            {
                pairs.Add((first, row));
                freed += row.Bytes;
                if (freed >= excess) break;
                continue;
            }
            previous[row.Device] = row;
        }
        var merged = 0;
        foreach (var chunk in pairs.Chunk(_pairsPerTransaction)) merged += Merge(connection, chunk);
        return merged;
    }

    /// <summary>Each pair's two rows go and the merged report comes in as a new row: rows written together share
    /// pages, so deleting both frees whole pages for reuse, where rewriting one in place would leave them half empty.</summary>
    private int Merge(SqliteConnection connection, IReadOnlyList<(Row First, Row Second)> pairs)
    {
        using var transaction = connection.BeginTransaction();
        var scope = new WriteScope(connection, transaction);
        var merged = 0;
        foreach (var (first, second) in pairs)
        {
            if (Load(scope, first) is not { } a || Load(scope, second) is not { } b)
            {
                logger.LogWarning("Outbox reports {First} and {Second} of {Device} cannot be read back; they stay as they are",
                    first.Sequence, second.Sequence, first.Device);
                continue;
            }
            var report = ReportMerger.Merge(a, b);
            using (var delete = scope.Command("DELETE FROM outbox WHERE id IN ($first, $second)"))
            {
                delete.Parameters.AddWithValue("$first", first.Id);
                delete.Parameters.AddWithValue("$second", second.Id);
                delete.ExecuteNonQuery();
            }
            OutboxRows.Insert(scope, first.Device, report, Math.Min(first.CreatedAt, second.CreatedAt));
            OutboxRows.Count(scope, first.Device, OutboxCounter.Thinned, 1);
            merged++;
        }
        transaction.Commit();
        return merged;
    }

    private static int Drop(SqliteConnection connection, long excess)
    {
        using var transaction = connection.BeginTransaction();
        var scope = new WriteScope(connection, transaction);
        var victims = new List<Row>();
        long freed = 0;
        foreach (var row in Candidates(connection, transaction))
        {
            victims.Add(row);
            freed += row.Bytes;
            if (freed >= excess) break;
        }
        using (var delete = scope.Command("DELETE FROM outbox WHERE id = $id"))
        {
            var id = delete.Parameters.Add("$id", SqliteType.Integer);
            foreach (var victim in victims)
            {
                id.Value = victim.Id;
                delete.ExecuteNonQuery();
            }
        }
        foreach (var device in victims.GroupBy(v => v.Device)) OutboxRows.Count(scope, device.Key, OutboxCounter.Dropped, device.Count());
        transaction.Commit();
        return victims.Count;
    }

    /// <summary>Reports never handed to the broker, oldest window first.</summary>
    private static IEnumerable<Row> Candidates(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT id, device, sequence, window_start, window_seconds, created_at, length(payload)
            FROM outbox WHERE attempted = 0 ORDER BY window_start, id
            """;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            yield return new Row(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3)), reader.GetInt32(4), reader.GetInt64(5), reader.GetInt64(6));
        }
    }

    private static Telemetry? Load(WriteScope scope, Row row)
    {
        using var command = scope.Command("SELECT payload FROM outbox WHERE id = $id");
        command.Parameters.AddWithValue("$id", row.Id);
        var payload = (byte[])command.ExecuteScalar()!;
        // Validated as at its own window's end: the parser's clock checks have nothing to say about stored reports.
        var parsed = WireFormat.ParseTelemetry(payload, row.WindowStart.AddSeconds(row.WindowSeconds), TimeSpan.Zero);
        return parsed.Ok ? parsed.Value : null;
    }

    private sealed record Row(long Id, string Device, long Sequence, DateTimeOffset WindowStart, int WindowSeconds, long CreatedAt, long Bytes);
}
