using CityBrain.Storage.Accounts;
using CityBrain.Storage.Credentials;
using Npgsql;

namespace CityBrain.Storage.Postgres.Accounts;

/// <summary>Users in the shared PostgreSQL, so a person signs in on any node.</summary>
public sealed class PostgresUserStore(PostgresDatabase database) : IUserStore
{
    private const string Columns = "name, role, districts, disabled, salt, hash, iterations, created_at, password_changed_at";

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM users)", connection);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var users = await ReadAsync($"SELECT {Columns} FROM users WHERE name = $1", name, cancellationToken);
        return users.Count == 0 ? null : users[0];
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM users ORDER BY name", null, cancellationToken);

    public Task<bool> AddAsync(UserAccount user, CancellationToken cancellationToken = default) => WriteAsync($"""
        INSERT INTO users ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (name) DO NOTHING
        """, user, cancellationToken);

    public Task<bool> UpdateAsync(UserAccount user, CancellationToken cancellationToken = default) => WriteAsync("""
        UPDATE users SET role = $2, districts = $3, disabled = $4, salt = $5, hash = $6, iterations = $7, password_changed_at = $9
        WHERE name = $1
        """, user, cancellationToken);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM users WHERE name = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<bool> WriteAsync(string sql, UserAccount user, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Name });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Role });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = DistrictList.Join(user.Districts) });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = user.Disabled });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = user.Password.Salt });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = user.Password.Hash });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = user.Password.Iterations });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = user.CreatedAt.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = user.PasswordChangedAt.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<UserAccount>> ReadAsync(string sql, string? name, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        if (name is not null) command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
        var users = new List<UserAccount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new UserAccount(reader.GetString(0), reader.GetString(1), DistrictList.Split(reader.GetString(2)), reader.GetBoolean(3),
                new StoredPassword(reader.GetFieldValue<byte[]>(4), reader.GetFieldValue<byte[]>(5), reader.GetInt32(6)),
                reader.GetFieldValue<DateTimeOffset>(7), reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return users;
    }
}
