using CityBrain.Sqlite;

namespace CityBrain.Storage.DeadLetters;

/// <summary>Refused messages in SQLite; the newest row's id bounds how many are kept.</summary>
public sealed class SqliteDeadLetterStore : IDeadLetterStore
{
    private readonly SqliteDatabase _database;

    public SqliteDeadLetterStore(string path)
    {
        _database = new SqliteDatabase(path, SqliteDurability.Normal);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS dead_letters (
                id          INTEGER PRIMARY KEY AUTOINCREMENT,
                received_at INTEGER NOT NULL,
                client_id   TEXT NOT NULL,
                topic       TEXT NOT NULL,
                kind        TEXT NOT NULL,
                reason      TEXT NOT NULL,
                payload     BLOB NOT NULL
            );
            """);
    }

    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO dead_letters (received_at, client_id, topic, kind, reason, payload) VALUES ($at, $client, $topic, $kind, $reason, $payload);
            DELETE FROM dead_letters WHERE id <= last_insert_rowid() - $capacity;
            """;
        command.Parameters.AddWithValue("$at", letter.ReceivedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$client", letter.ClientId);
        command.Parameters.AddWithValue("$topic", letter.Topic);
        command.Parameters.AddWithValue("$kind", letter.Kind);
        command.Parameters.AddWithValue("$reason", letter.Reason);
        command.Parameters.AddWithValue("$payload", letter.StoredPayload());
        command.Parameters.AddWithValue("$capacity", IDeadLetterStore.Capacity);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> LatestAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT received_at, client_id, topic, kind, reason, payload FROM dead_letters ORDER BY id DESC LIMIT $count";
        command.Parameters.AddWithValue("$count", count);
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1),
                reader.GetString(2), reader.GetString(3), reader.GetString(4), (byte[])reader["payload"]));
        }
        return letters;
    }
}
