using CityBrain.Sqlite;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Store;
using Microsoft.Data.Sqlite;

namespace CityBrain.Storage.Cases;

/// <summary>Cases and their trails in SQLite: the case as JSON beside the columns it is found by, each step a row that
/// is only ever added. Committed in full: a step is a person's word or the data's, and must not be lost.</summary>
public sealed class SqliteCaseStore : ICaseStore
{
    private readonly SqliteDatabase _database;

    public SqliteCaseStore(string path)
    {
        _database = new SqliteDatabase(path);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS cases (
                id        INTEGER PRIMARY KEY AUTOINCREMENT,
                group_key TEXT NOT NULL,
                opened_at INTEGER NOT NULL,
                closed_at INTEGER,
                body      TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS cases_open ON cases (closed_at);
            CREATE TABLE IF NOT EXISTS case_steps (
                case_id  INTEGER NOT NULL REFERENCES cases (id),
                sequence INTEGER NOT NULL,
                body     TEXT NOT NULL,
                PRIMARY KEY (case_id, sequence)
            );
            """);
    }

    public async Task<SupervisionCase> SaveAsync(SupervisionCase supervisionCase, IReadOnlyList<CaseEvent> steps, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var saved = supervisionCase;
        if (saved.Id == 0)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO cases (group_key, opened_at, body) VALUES ($group, $opened, '') RETURNING id";
            insert.Parameters.AddWithValue("$group", saved.GroupKey);
            insert.Parameters.AddWithValue("$opened", saved.OpenedAt.ToUnixTimeMilliseconds());
            saved = saved with { Id = (long)(await insert.ExecuteScalarAsync(cancellationToken))! };
        }
        await using (var update = connection.CreateCommand())
        {
            update.CommandText = "UPDATE cases SET closed_at = $closed, body = $body WHERE id = $id";
            update.Parameters.AddWithValue("$closed", (object?)saved.ClosedAt?.ToUnixTimeMilliseconds() ?? DBNull.Value);
            update.Parameters.AddWithValue("$body", CaseJson.Serialize(saved));
            update.Parameters.AddWithValue("$id", saved.Id);
            await update.ExecuteNonQueryAsync(cancellationToken);
        }
        foreach (var step in steps)
        {
            await using var append = connection.CreateCommand();
            append.CommandText = "INSERT INTO case_steps (case_id, sequence, body) VALUES ($id, $sequence, $body)";
            append.Parameters.AddWithValue("$id", saved.Id);
            append.Parameters.AddWithValue("$sequence", step.Sequence);
            append.Parameters.AddWithValue("$body", CaseJson.Serialize(step with { CaseId = saved.Id }));
            await append.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return saved;
    }

    public async Task<SupervisionCase?> GetAsync(long id, CancellationToken cancellationToken = default)
    {
        var found = await ReadAsync("SELECT body FROM cases WHERE id = $id", c => c.Parameters.AddWithValue("$id", id), CaseJson.ReadCase, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<CaseEvent>> TrailAsync(long id, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT body FROM case_steps WHERE case_id = $id ORDER BY sequence", c => c.Parameters.AddWithValue("$id", id), CaseJson.ReadStep, cancellationToken);

    public Task<IReadOnlyList<SupervisionCase>> ActiveSinceAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken = default) =>
        ReadAsync("SELECT body FROM cases WHERE closed_at IS NULL OR closed_at >= $since ORDER BY id DESC LIMIT $limit", c =>
        {
            c.Parameters.AddWithValue("$since", since.ToUnixTimeMilliseconds());
            c.Parameters.AddWithValue("$limit", limit);
        }, CaseJson.ReadCase, cancellationToken);

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, Action<SqliteCommand> bind, Func<string, T> read, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader.GetString(0)));
        return rows;
    }
}
