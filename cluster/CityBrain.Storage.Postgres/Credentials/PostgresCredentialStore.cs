using CityBrain.Storage.Credentials;
using Npgsql;

namespace CityBrain.Storage.Postgres.Credentials;

/// <summary>Provisioned device passwords in the shared PostgreSQL, as salted hashes (<see cref="PasswordHashing"/>), so a
/// device provisioned through one node can connect to any.</summary>
public sealed class PostgresCredentialStore(PostgresDatabase database) : ICredentialStore
{
    public async Task<string> ProvisionAsync(string deviceId, string district, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var password = PasswordHashing.NewPassword();
        var stored = PasswordHashing.Hash(password);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            INSERT INTO device_credentials (device_id, district, salt, hash, iterations, created_at) VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (device_id) DO UPDATE SET district = excluded.district, salt = excluded.salt, hash = excluded.hash,
                iterations = excluded.iterations, created_at = excluded.created_at
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = district });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = stored.Salt });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = stored.Hash });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = stored.Iterations });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
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
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT district, salt, hash, iterations, created_at FROM device_credentials WHERE device_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredCredential(
            new DeviceCredential(deviceId, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(4)),
            new StoredPassword(reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2), reader.GetInt32(3)));
    }
}
