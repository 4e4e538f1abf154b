using CityBrain.Sqlite;
using CityBrain.Storage.Credentials;
using Microsoft.Data.Sqlite;

namespace CityBrain.Storage.Accounts;

/// <summary>Users in the node's accounts file.</summary>
public sealed class SqliteUserStore : IUserStore
{
    private const string Columns = "name, role, districts, disabled, salt, hash, iterations, created_at, password_changed_at";
    private readonly SqliteDatabase _database;

    public SqliteUserStore(string path)
    {
        _database = new SqliteDatabase(path);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS users (
                name                TEXT PRIMARY KEY,
                role                TEXT NOT NULL,
                districts           TEXT NOT NULL,
                disabled            INTEGER NOT NULL,
                salt                BLOB NOT NULL,
                hash                BLOB NOT NULL,
                iterations          INTEGER NOT NULL,
                created_at          INTEGER NOT NULL,
                password_changed_at INTEGER NOT NULL
            );
            """);
    }

    public async Task<bool> AnyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT EXISTS (SELECT 1 FROM users)";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 1;
    }

    public async Task<UserAccount?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var users = await ReadAsync($"SELECT {Columns} FROM users WHERE name = $name", name, cancellationToken);
        return users.Count == 0 ? null : users[0];
    }

    public Task<IReadOnlyList<UserAccount>> ListAsync(CancellationToken cancellationToken = default) =>
        ReadAsync($"SELECT {Columns} FROM users ORDER BY name", null, cancellationToken);

    public Task<bool> AddAsync(UserAccount user, CancellationToken cancellationToken = default) => WriteAsync($"""
        INSERT INTO users ({Columns}) VALUES ($name, $role, $districts, $disabled, $salt, $hash, $iterations, $created, $changed)
        ON CONFLICT (name) DO NOTHING
        """, user, cancellationToken);

    public Task<bool> UpdateAsync(UserAccount user, CancellationToken cancellationToken = default) => WriteAsync("""
        UPDATE users SET role = $role, districts = $districts, disabled = $disabled, salt = $salt, hash = $hash,
            iterations = $iterations, password_changed_at = $changed
        WHERE name = $name
        """, user, cancellationToken);

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM users WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<bool> WriteAsync(string sql, UserAccount user, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$name", user.Name);
        command.Parameters.AddWithValue("$role", user.Role);
        command.Parameters.AddWithValue("$districts", DistrictList.Join(user.Districts));
        command.Parameters.AddWithValue("$disabled", user.Disabled ? 1 : 0);
        command.Parameters.AddWithValue("$salt", user.Password.Salt);
        command.Parameters.AddWithValue("$hash", user.Password.Hash);
        command.Parameters.AddWithValue("$iterations", user.Password.Iterations);
        command.Parameters.AddWithValue("$created", user.CreatedAt.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$changed", user.PasswordChangedAt.ToUnixTimeMilliseconds());
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private async Task<IReadOnlyList<UserAccount>> ReadAsync(string sql, string? name, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        if (name is not null) command.Parameters.AddWithValue("$name", name);
        var users = new List<UserAccount>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) users.Add(Read(reader));
        return users;
    }

    private static UserAccount Read(SqliteDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), DistrictList.Split(reader.GetString(2)), reader.GetInt64(3) != 0,
        new StoredPassword((byte[])reader["salt"], (byte[])reader["hash"], reader.GetInt32(6)),
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)));
}
