using CityBrain.Notifications.Outbox;
using CityBrain.Storage.Notifications;
using Npgsql;

namespace CityBrain.Storage.Postgres.Notifications;

/// <summary>The notification outbox of a cluster in the shared PostgreSQL. Every node's sender claims from it; a claim
/// skips rows another node holds locked in its own claim (<c>FOR UPDATE SKIP LOCKED</c>), so nodes claiming together
/// neither wait for each other nor take the same notification.</summary>
public sealed class PostgresNotificationStore(PostgresDatabase database) : INotificationStore
{
    public async Task<bool> AddAsync(NotificationRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            INSERT INTO notifications ({NotificationColumns.All}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (recipient_id, key) DO NOTHING
            """, connection);
        var notification = record.Notification;
        command.Parameters.Add(Text(notification.RecipientId));
        command.Parameters.Add(Text(notification.Key));
        command.Parameters.Add(Text(NotificationColumns.Of(notification.Severity)));
        command.Parameters.Add(Text(notification.Title));
        command.Parameters.Add(Text(notification.Text));
        command.Parameters.Add(Text(notification.Link?.AbsoluteUri));
        command.Parameters.Add(Text(NotificationColumns.Of(record.State)));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = record.Attempts });
        command.Parameters.Add(Time(record.CreatedAt));
        command.Parameters.Add(Time(record.NextAttemptAt));
        command.Parameters.Add(Time(record.FinishedAt));
        command.Parameters.Add(Text(record.LastError));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<NotificationRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset claimedUntil, int count,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            UPDATE notifications n SET next_attempt_at = $2
            FROM (SELECT recipient_id, key FROM notifications WHERE state = 'pending' AND next_attempt_at <= $1
                  ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED) due
            WHERE n.recipient_id = due.recipient_id AND n.key = due.key
            RETURNING {string.Join(", ", NotificationColumns.All.Split(", ").Select(c => "n." + c))}
            """, connection);
        command.Parameters.Add(Time(now));
        command.Parameters.Add(Time(claimedUntil));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        var claimed = await ReadAsync(command, cancellationToken);
        // RETURNING gives rows in no promised order, and each with its claim's time: the oldest goes first.
        return [.. claimed.OrderBy(r => r.CreatedAt)];
    }

    public async Task<DateTimeOffset?> NextAttemptAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT min(next_attempt_at) FROM notifications WHERE state = 'pending'", connection);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime next ? new DateTimeOffset(next, TimeSpan.Zero) : null;
    }

    public async Task UpdateAsync(NotificationRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            UPDATE notifications SET state = $3, attempts = $4, next_attempt_at = $5, finished_at = $6, last_error = $7
            WHERE recipient_id = $1 AND key = $2 AND state = 'pending'
            """, connection);
        command.Parameters.Add(Text(record.Notification.RecipientId));
        command.Parameters.Add(Text(record.Notification.Key));
        command.Parameters.Add(Text(NotificationColumns.Of(record.State)));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = record.Attempts });
        command.Parameters.Add(Time(record.NextAttemptAt));
        command.Parameters.Add(Time(record.FinishedAt));
        command.Parameters.Add(Text(record.LastError));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<NotificationRecord?> RequeueAsync(string recipientId, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"""
            UPDATE notifications SET state = 'pending', attempts = 0, next_attempt_at = $3, finished_at = NULL
            WHERE recipient_id = $1 AND key = $2 AND state = 'dead'
            RETURNING {NotificationColumns.All}
            """, connection);
        command.Parameters.Add(Text(recipientId));
        command.Parameters.Add(Text(key));
        command.Parameters.Add(Time(now));
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<NotificationRecord?> FindAsync(string recipientId, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"SELECT {NotificationColumns.All} FROM notifications WHERE recipient_id = $1 AND key = $2", connection);
        command.Parameters.Add(Text(recipientId));
        command.Parameters.Add(Text(key));
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<NotificationRecord>> LatestAsync(NotificationState state, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"SELECT {NotificationColumns.All} FROM notifications WHERE state = $1 ORDER BY coalesce(finished_at, created_at) DESC, recipient_id, key LIMIT $2", connection);
        command.Parameters.Add(Text(NotificationColumns.Of(state)));
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM notifications WHERE state <> 'pending' AND finished_at < $1", connection);
        command.Parameters.Add(Time(finishedBefore));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Text(string? value) => value is null
        ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
        : new NpgsqlParameter<string> { TypedValue = value };

    private static NpgsqlParameter Time(DateTimeOffset? value) => value is { } time
        ? new NpgsqlParameter<DateTimeOffset> { TypedValue = time.ToUniversalTime() }
        : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz };

    private static async Task<List<NotificationRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var records = new List<NotificationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) records.Add(NotificationColumns.Read(reader, (row, column) => row.GetFieldValue<DateTimeOffset>(column)));
        return records;
    }
}
