using CityBrain.Sqlite;

namespace CityBrain.Storage.Retained;

/// <summary>Retained device messages in SQLite. SQLite has one writer at a time, so the version taken inside the
/// writing statement is also the commit order.</summary>
public sealed class SqliteRetainedMessageStore : IRetainedMessageStore
{
    private readonly SqliteDatabase _database;

    public SqliteRetainedMessageStore(string path)
    {
        _database = new SqliteDatabase(path);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS retained_messages (
                topic      TEXT PRIMARY KEY,
                payload    BLOB NOT NULL,
                version    INTEGER NOT NULL UNIQUE,
                updated_at INTEGER NOT NULL
            );
            """);
    }

    public async Task<long> PutAsync(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO retained_messages (topic, payload, version, updated_at)
            VALUES ($topic, $payload, (SELECT COALESCE(MAX(version), 0) + 1 FROM retained_messages), $at)
            ON CONFLICT (topic) DO UPDATE SET payload = excluded.payload, version = excluded.version, updated_at = excluded.updated_at
            RETURNING version
            """;
        command.Parameters.AddWithValue("$topic", topic);
        command.Parameters.AddWithValue("$payload", payload.ToArray());
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<IReadOnlyList<RetainedMessage>> ChangedSinceAsync(long version, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT topic, payload, version, updated_at FROM retained_messages WHERE version > $version ORDER BY version";
        command.Parameters.AddWithValue("$version", version);
        var messages = new List<RetainedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new RetainedMessage(reader.GetString(0), (byte[])reader["payload"], reader.GetInt64(2),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
        }
        return messages;
    }
}
