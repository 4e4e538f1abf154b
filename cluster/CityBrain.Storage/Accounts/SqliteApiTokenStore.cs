using CityBrain.Sqlite;
using Microsoft.Data.Sqlite;

namespace CityBrain.Storage.Accounts;

/// <summary>API tokens in the node's accounts file, by the hash of their secret.</summary>
public sealed class SqliteApiTokenStore : IApiTokenStore
{
    private const string Columns = "id, name, role, districts, created_at, expires_at, revoked_at";
    private readonly SqliteDatabase _database;

    public SqliteApiTokenStore(string path)
    {
        _database = new SqliteDatabase(path);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS api_tokens (
                id          TEXT PRIMARY KEY,
                secret_hash BLOB NOT NULL UNIQUE,
                name        TEXT NOT NULL,
                role        TEXT NOT NULL,
                districts   TEXT NOT NULL,
                created_at  INTEGER NOT NULL,
                expires_at  INTEGER NOT NULL,
                revoked_at  INTEGER
            );
            """);
    }

    public async Task AddAsync(ApiToken token, byte[] secretHash, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO api_tokens (secret_hash, {Columns}) VALUES ($hash, $id, $name, $role, $districts, $created, $expires, NULL)";
        command.Parameters.AddWithValue("$hash", secretHash);
        command.Parameters.AddWithValue("$id", token.Id);
        command.Parameters.AddWithValue("$name", token.Name);
        command.Parameters.AddWithValue("$role", token.Role);
        command.Parameters.AddWithValue("$districts", DistrictList.Join(token.Districts));
        command.Parameters.AddWithValue("$created", token.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$expires", token.ExpiresAt.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ApiToken?> FindAsync(byte[] secretHash, CancellationToken cancellationToken = default)
    {
        var tokens = await ReadAsync($"SELECT {Columns} FROM api_tokens WHERE secret_hash = $hash", secretHash, cancellationToken);
        return tokens.Count == 0 ? null : tokens[0];
    }

    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM api_tokens ORDER BY created_at DESC, id", null, cancellationToken);

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $at) WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", at.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<ApiToken>> ReadAsync(string sql, byte[]? secretHash, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (secretHash is not null) command.Parameters.AddWithValue("$hash", secretHash);
        var tokens = new List<ApiToken>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) tokens.Add(Read(reader));
        return tokens;
    }

    private static ApiToken Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), DistrictList.Split(reader.GetString(3)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));
}
