using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;

namespace CityBrain.Edge.Outbox;

/// <summary>Every report is committed here, fully synced, before it is sent, and deleted only after the broker's
/// PUBACK. The next sequence number is allocated in the same transaction as the report, so it never repeats, not
/// even after a power cut between two reports.</summary>
public sealed class SqliteOutbox
{
    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteOutbox(string path, TimeProvider time)
    {
        _time = time;
        _database = new SqliteDatabase(path, SqliteDurability.Full);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS outbox (
                sequence     INTEGER PRIMARY KEY,
                window_start INTEGER NOT NULL,
                created_at   INTEGER NOT NULL,
                payload      BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS refused (
                sequence    INTEGER PRIMARY KEY,
                refused_at  INTEGER NOT NULL,
                reason      TEXT NOT NULL,
                payload     BLOB NOT NULL
            );
            CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
            INSERT OR IGNORE INTO counters (name, value) VALUES ('next_sequence', 0);
            """);
    }

    public string Path => _database.Path;

    /// <summary>Allocates the next sequence number and commits the report built with it.</summary>
    public async Task<long> EnqueueAsync(DateTimeOffset windowStart, Func<long, byte[]> buildPayload, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var next = connection.CreateCommand();
        next.Transaction = transaction;
        next.CommandText = "UPDATE counters SET value = value + 1 WHERE name = 'next_sequence' RETURNING value - 1";
        var sequence = (long)(await next.ExecuteScalarAsync(cancellationToken))!;
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO outbox (sequence, window_start, created_at, payload) VALUES ($sequence, $window, $created, $payload)";
        insert.Parameters.AddWithValue("$sequence", sequence);
        insert.Parameters.AddWithValue("$window", windowStart.ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$created", _time.GetUtcNow().ToUnixTimeMilliseconds());
        insert.Parameters.AddWithValue("$payload", buildPayload(sequence));
        await insert.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return sequence;
    }

    /// <summary>The oldest unsent reports, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> OldestAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sequence, window_start, created_at, payload FROM outbox ORDER BY sequence LIMIT $count";
        command.Parameters.AddWithValue("$count", count);
        var entries = new List<OutboxEntry>(count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new OutboxEntry(reader.GetInt64(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), (byte[])reader["payload"]));
        }
        return entries;
    }

    /// <summary>Removes acknowledged reports in one transaction: one disk sync for a whole round of PUBACKs.</summary>
    public async Task DeleteAsync(IReadOnlyCollection<long> sequences, CancellationToken cancellationToken = default)
    {
        if (sequences.Count == 0) return;
        await using var connection = _database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM outbox WHERE sequence = $sequence";
        var parameter = command.Parameters.Add("$sequence", SqliteType.Integer);
        foreach (var sequence in sequences)
        {
            parameter.Value = sequence;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Moves a report the cluster refused for good out of the queue, keeping it with the reason for a technician.</summary>
    public async Task SetAsideAsync(long sequence, string reason, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT OR REPLACE INTO refused (sequence, refused_at, reason, payload)
                SELECT sequence, $now, $reason, payload FROM outbox WHERE sequence = $sequence;
            DELETE FROM outbox WHERE sequence = $sequence;
            """;
        command.Parameters.AddWithValue("$sequence", sequence);
        command.Parameters.AddWithValue("$now", _time.GetUtcNow().ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$reason", reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>How many reports wait, and when the oldest of them was written.</summary>
    public async Task<(long Depth, DateTimeOffset? Oldest)> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*), min(created_at) FROM outbox";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1)));
    }
}
