using CityBrain.Storage.Accounts;
using Npgsql;

namespace CityBrain.Storage.Postgres.Accounts;

/// <summary>API tokens in the shared PostgreSQL, so a token works on every node and a revocation reaches them all.</summary>
public sealed class PostgresApiTokenStore(PostgresDatabase database) : IApiTokenStore
{
    private const string Columns = "id, name, role, districts, created_at, expires_at, revoked_at";

    public async Task AddAsync(ApiToken token, byte[] secretHash, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            $"INSERT INTO api_tokens (secret_hash, {Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)", connection);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = secretHash });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = token.Id });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = token.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = token.Role });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DistrictList.Join(token.Districts) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = token.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = token.ExpiresAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ApiToken?> FindAsync(byte[] secretHash, CancellationToken cancellationToken = default)
    {
        var tokens = await ReadAsync($"SELECT {Columns} FROM api_tokens WHERE secret_hash = $1", secretHash, cancellationToken);
        return tokens.Count == 0 ? null : tokens[0];
    }

    public Task<IReadOnlyList<ApiToken>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM api_tokens ORDER BY created_at DESC, id", null, cancellationToken);

    public async Task<bool> RevokeAsync(string id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = id });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<ApiToken>> ReadAsync(string sql, byte[]? secretHash, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        if (secretHash is not null) command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = secretHash });
        var tokens = new List<ApiToken>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            tokens.Add(new ApiToken(reader.GetString(0), reader.GetString(1), reader.GetString(2), DistrictList.Split(reader.GetString(3)),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5),
                reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return tokens;
    }
}
