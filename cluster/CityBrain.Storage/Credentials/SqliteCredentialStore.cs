using CityBrain.Sqlite;

namespace CityBrain.Storage.Credentials;

/// <summary>Provisioned device passwords, stored only as salted PBKDF2-SHA256 hashes.</summary>
public sealed class SqliteCredentialStore : ICredentialStore
{
    private readonly SqliteDatabase _database;

    public SqliteCredentialStore(string path)
    {
        _database = new SqliteDatabase(path);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS device_credentials (
                device_id  TEXT PRIMARY KEY,
                district   TEXT NOT NULL,
                salt       BLOB NOT NULL,
                hash       BLOB NOT NULL,
                iterations INTEGER NOT NULL,
                created_at INTEGER NOT NULL
            );
            """);
    }

    public string Path => _database.Path;

    public async Task<string> ProvisionAsync(string deviceId, string district, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var password = PasswordHashing.NewPassword();
        var stored = PasswordHashing.Hash(password);
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO device_credentials (device_id, district, salt, hash, iterations, created_at) VALUES ($id, $district, $salt, $hash, $iterations, $at)
            ON CONFLICT (device_id) DO UPDATE SET district = excluded.district, salt = excluded.salt, hash = excluded.hash,
                iterations = excluded.iterations, created_at = excluded.created_at
            """;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$district", district);
        command.Parameters.AddWithValue("$salt", stored.Salt);
        command.Parameters.AddWithValue("$hash", stored.Hash);
        command.Parameters.AddWithValue("$iterations", stored.Iterations);
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return password;
    }

    public async Task<DeviceCredential?> VerifyAsync(string deviceId, string? password, CancellationToken cancellationToken = default)
    {
        if (password is null) return null;
        var stored = await FindAsync(deviceId, cancellationToken);
        if (stored is null)
        {
            PasswordHashing.SpendAsMuchAsAMatch(password);
            return null;
        }
        return PasswordHashing.Matches(stored.Password, password) ? stored.Credential : null;
    }

    public async Task<StoredCredential?> FindAsync(string deviceId, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT district, salt, hash, iterations, created_at FROM device_credentials WHERE device_id = $id";
        command.Parameters.AddWithValue("$id", deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredCredential(
            new DeviceCredential(deviceId, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4))),
            new StoredPassword((byte[])reader["salt"], (byte[])reader["hash"], reader.GetInt32(3)));
    }
}
