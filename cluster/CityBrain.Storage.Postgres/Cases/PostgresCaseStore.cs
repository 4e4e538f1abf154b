using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Store;
using Npgsql;
using NpgsqlTypes;

namespace CityBrain.Storage.Postgres.Cases;

/// <summary>Cases and their trails in the shared PostgreSQL, the same layout as the SQLite store: the case as JSON beside
/// the columns it is found by, each step a row that is only ever added.</summary>
public sealed class PostgresCaseStore(PostgresDatabase database) : ICaseStore
{
    public async Task<SupervisionCase> SaveAsync(SupervisionCase supervisionCase, IReadOnlyList<CaseEvent> steps, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var saved = supervisionCase;
        if (saved.Id == 0)
        {
            await using var insert = new NpgsqlCommand("INSERT INTO cases (group_key, opened_at, body) VALUES ($1, $2, '{}') RETURNING id", connection, transaction);
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = saved.GroupKey });
            insert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = saved.OpenedAt.ToUniversalTime() });
            saved = saved with { Id = (long)(await insert.ExecuteScalarAsync(cancellationToken))! };
        }
        await using (var update = new NpgsqlCommand("UPDATE cases SET closed_at = $1, body = $2 WHERE id = $3", connection, transaction))
        {
            update.Parameters.Add(new NpgsqlParameter { Value = (object?)saved.ClosedAt?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
            update.Parameters.Add(new NpgsqlParameter { Value = CaseJson.Serialize(saved), NpgsqlDbType = NpgsqlDbType.Jsonb });
            update.Parameters.Add(new NpgsqlParameter<long> { TypedValue = saved.Id });
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var step in steps)
        {
            await using var append = new NpgsqlCommand("INSERT INTO case_steps (case_id, sequence, body) VALUES ($1, $2, $3)", connection, transaction);
            append.Parameters.Add(new NpgsqlParameter<long> { TypedValue = saved.Id });
            append.Parameters.Add(new NpgsqlParameter<int> { TypedValue = step.Sequence });
            append.Parameters.Add(new NpgsqlParameter { Value = CaseJson.Serialize(step with { CaseId = saved.Id }), NpgsqlDbType = NpgsqlDbType.Jsonb });
            await append.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<SupervisionCase?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var found = await ReadAsync("SELECT body::text FROM cases WHERE id = $1", c => c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id }),
            CaseJson.ReadCase, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<CaseEvent>> TrailAsync(long id, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT body::text FROM case_steps WHERE case_id = $1 ORDER BY sequence", c => c.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id }),
            CaseJson.ReadStep, cancellationToken);

    public Task<IReadOnlyList<SupervisionCase>> ActiveSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT body::text FROM cases WHERE closed_at IS NULL OR closed_at >= $1 ORDER BY id DESC LIMIT $2", c =>
        {
            c.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
            c.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit });
        }, CaseJson.ReadCase, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<NpgsqlCommand> bind, Func<string, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        bind(command);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader.GetString(0)));
        return rows;
    }
}
