using CityBrain.Storage.Retained;
using Npgsql;

namespace CityBrain.Storage.Postgres.Retained;

/// <summary>Retained device messages in the shared PostgreSQL, written by any node and read by all.</summary>
/// <remarks>A version comes from a sequence, and a sequence hands out numbers in the order they are asked for, not in
/// the order their transactions commit: a writer that took 7 could commit after one that took 8, and a reader that
/// saw 8 would then never ask for 7. So each write first locks the table against other writers (readers are not
/// blocked) until it commits, which makes taking a version and committing it one step. Writes are configuration
/// changes, rare enough for that.</remarks>
public sealed class PostgresRetainedMessageStore(PostgresDatabase database) : IRetainedMessageStore
{
    public async Task<long> PutAsync(string topic, ReadOnlyMemory<byte> payload, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var exclusive = new NpgsqlCommand("LOCK TABLE retained_messages IN EXCLUSIVE MODE", connection))
        {
            await exclusive.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand("""
            INSERT INTO retained_messages (topic, payload, version, updated_at) VALUES ($1, $2, nextval('retained_message_versions'), $3)
            ON CONFLICT (topic) DO UPDATE SET payload = excluded.payload, version = excluded.version, updated_at = excluded.updated_at
            RETURNING version
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = topic });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload.ToArray() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        var version = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return version;
    }

    public async Task<IReadOnlyList<RetainedMessage>> ChangedSinceAsync(long version, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT topic, payload, version, updated_at FROM retained_messages WHERE version > $1 ORDER BY version", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
        var messages = new List<RetainedMessage>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            messages.Add(new RetainedMessage(reader.GetString(0), reader.GetFieldValue<byte[]>(1), reader.GetInt64(2),
                reader.GetFieldValue<DateTimeOffset>(3)));
        }
        return messages;
    }
}
