using CityBrain.Storage.DeadLetters;
using Npgsql;

namespace CityBrain.Storage.Postgres.DeadLetters;

/// <summary>Refused messages of every node in the shared PostgreSQL; each insert deletes what fell more than
/// <see cref="IDeadLetterStore.Capacity"/> ids behind it, so the table stays bounded.</summary>
public sealed class PostgresDeadLetterStore(PostgresDatabase database) : IDeadLetterStore
{
    public async Task AddAsync(DeadLetter letter, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            WITH added AS (
                INSERT INTO dead_letters (received_at, client_id, topic, kind, reason, payload) VALUES ($1, $2, $3, $4, $5, $6)
                RETURNING id
            )
            DELETE FROM dead_letters WHERE id <= (SELECT id FROM added) - $7
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = letter.ReceivedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = letter.ClientId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = letter.Topic });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = letter.Kind });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = letter.Reason });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = letter.StoredPayload() });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = IDeadLetterStore.Capacity });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeadLetter>> LatestAsync(int count, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT received_at, client_id, topic, kind, reason, payload FROM dead_letters ORDER BY id DESC LIMIT $1", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = count });
        var letters = new List<DeadLetter>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetFieldValue<byte[]>(5)));
        }
        return letters;
    }
}
