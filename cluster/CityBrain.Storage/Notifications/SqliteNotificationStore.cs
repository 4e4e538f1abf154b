using CityBrain.Notifications.Outbox;
using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;

namespace CityBrain.Storage.Notifications;

/// <summary>The notification outbox of one machine in SQLite, committed with full sync: once a notification is
/// accepted, a power cut does not lose it. Times are Unix milliseconds.</summary>
public sealed class SqliteNotificationStore : INotificationStore
{
    private readonly SqliteDatabase _database;

    public SqliteNotificationStore(string path)
    {
        _database = new SqliteDatabase(path);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS notifications (
                recipient_id    TEXT NOT NULL,
                key             TEXT NOT NULL,
                severity        TEXT NOT NULL,
                title           TEXT NOT NULL,
                text            TEXT NOT NULL,
                link            TEXT,
                state           TEXT NOT NULL,
                attempts        INTEGER NOT NULL,
                created_at      INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                finished_at     INTEGER,
                last_error      TEXT,
                PRIMARY KEY (recipient_id, key)
            );
            CREATE INDEX IF NOT EXISTS notifications_due ON notifications (state, next_attempt_at);
            CREATE INDEX IF NOT EXISTS notifications_finished ON notifications (state, finished_at);
            """);
    }

    public async Task<bool> AddAsync(NotificationRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO notifications ({NotificationColumns.All})
            VALUES ($recipient, $key, $severity, $title, $text, $link, $state, $attempts, $created, $next, $finished, $error)
            ON CONFLICT (recipient_id, key) DO NOTHING
            """;
        var notification = record.Notification;
        command.Parameters.AddWithValue("$recipient", notification.RecipientId);
        command.Parameters.AddWithValue("$key", notification.Key);
        command.Parameters.AddWithValue("$severity", NotificationColumns.Of(notification.Severity));
        command.Parameters.AddWithValue("$title", notification.Title);
        command.Parameters.AddWithValue("$text", notification.Text);
        command.Parameters.AddWithValue("$link", (object?)notification.Link?.AbsoluteUri ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", record.CreatedAt.ToUnixTimeMilliseconds());
        AddOutcome(command, record);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task<IReadOnlyList<NotificationRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset claimedUntil, int count,
        CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE notifications SET next_attempt_at = $until
            WHERE rowid IN (SELECT rowid FROM notifications WHERE state = 'pending' AND next_attempt_at <= $now ORDER BY next_attempt_at LIMIT $count)
            RETURNING {NotificationColumns.All}
            """;
        command.Parameters.AddWithValue("$until", claimedUntil.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$count", count);
        var claimed = await ReadAsync(command, cancellationToken);
        // RETURNING gives rows in no promised order, and each with its claim's time: the oldest goes first.
        return [.. claimed.OrderBy(r => r.CreatedAt)];
    }

    public async Task<DateTimeOffset?> NextAttemptAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(next_attempt_at) FROM notifications WHERE state = 'pending'";
        return await command.ExecuteScalarAsync(cancellationToken) is long next ? DateTimeOffset.FromUnixTimeMilliseconds(next) : null;
    }

    public async Task UpdateAsync(NotificationRecord record, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE notifications SET state = $state, attempts = $attempts, next_attempt_at = $next, finished_at = $finished, last_error = $error
            WHERE recipient_id = $recipient AND key = $key AND state = 'pending'
            """;
        command.Parameters.AddWithValue("$recipient", record.Notification.RecipientId);
        command.Parameters.AddWithValue("$key", record.Notification.Key);
        AddOutcome(command, record);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<NotificationRecord?> RequeueAsync(string recipientId, string key, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            UPDATE notifications SET state = 'pending', attempts = 0, next_attempt_at = $now, finished_at = NULL
            WHERE recipient_id = $recipient AND key = $key AND state = 'dead'
            RETURNING {NotificationColumns.All}
            """;
        command.Parameters.AddWithValue("$recipient", recipientId);
        command.Parameters.AddWithValue("$key", key);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<NotificationRecord?> FindAsync(string recipientId, string key, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {NotificationColumns.All} FROM notifications WHERE recipient_id = $recipient AND key = $key";
        command.Parameters.AddWithValue("$recipient", recipientId);
        command.Parameters.AddWithValue("$key", key);
        return (await ReadAsync(command, cancellationToken)).SingleOrDefault();
    }

    public async Task<IReadOnlyList<NotificationRecord>> LatestAsync(NotificationState state, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {NotificationColumns.All} FROM notifications WHERE state = $state ORDER BY COALESCE(finished_at, created_at) DESC, rowid DESC LIMIT $count";
        command.Parameters.AddWithValue("$state", NotificationColumns.Of(state));
        command.Parameters.AddWithValue("$count", count);
        return await ReadAsync(command, cancellationToken);
    }

    public async Task<int> PruneAsync(DateTimeOffset finishedBefore, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM notifications WHERE state <> 'pending' AND finished_at < $before";
        command.Parameters.AddWithValue("$before", finishedBefore.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddOutcome(SqliteCommand command, NotificationRecord record)
    {
        command.Parameters.AddWithValue("$state", NotificationColumns.Of(record.State));
        command.Parameters.AddWithValue("$attempts", record.Attempts);
        command.Parameters.AddWithValue("$next", record.NextAttemptAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$finished", (object?)record.FinishedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$error", (object?)record.LastError ?? DBNull.Value);
    }

    private static async Task<List<NotificationRecord>> ReadAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var records = new List<NotificationRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) records.Add(NotificationColumns.Read(reader, (row, column) => DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(column))));
        return records;
    }
}
