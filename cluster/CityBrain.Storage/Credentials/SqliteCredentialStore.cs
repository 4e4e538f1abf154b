using System.Security.Cryptography;
using System.Text;
using CityBrain.Sqlite;

namespace CityBrain.Storage.Credentials;

/// <summary>Provisioned device passwords, stored only as salted PBKDF2-SHA256 hashes.</summary>
public sealed class SqliteCredentialStore
{
    private const int Iterations = 100_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;
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

    /// <summary>Creates or replaces the device's password; returns the new password, which is shown once and never stored.</summary>
    public async Task<string> ProvisionAsync(string deviceId, string district, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', '-').Replace('/', '_');
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO device_credentials (device_id, district, salt, hash, iterations, created_at) VALUES ($id, $district, $salt, $hash, $iterations, $at)
            ON CONFLICT (device_id) DO UPDATE SET district = excluded.district, salt = excluded.salt, hash = excluded.hash,
                iterations = excluded.iterations, created_at = excluded.created_at
            """;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$district", district);
        command.Parameters.AddWithValue("$salt", salt);
        command.Parameters.AddWithValue("$hash", Hash(password, salt, Iterations));
        command.Parameters.AddWithValue("$iterations", Iterations);
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
        return password;
    }

    /// <summary>The device's credential when <paramref name="password"/> is right; null for an unknown device or a wrong password.</summary>
    public async Task<DeviceCredential?> VerifyAsync(string deviceId, string? password, CancellationToken cancellationToken = default)
    {
        if (password is null) return null;
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT district, salt, hash, iterations, created_at FROM device_credentials WHERE device_id = $id";
        command.Parameters.AddWithValue("$id", deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        var expected = (byte[])reader["hash"];
        var actual = Hash(password, (byte[])reader["salt"], reader.GetInt32(3));
        return CryptographicOperations.FixedTimeEquals(expected, actual)
            ? new DeviceCredential(deviceId, reader.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)))
            : null;
    }

    private static byte[] Hash(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
