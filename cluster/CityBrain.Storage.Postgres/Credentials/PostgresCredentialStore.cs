using CityBrain.Storage.Credentials;
using Npgsql;

namespace CityBrain.Storage.Postgres.Credentials;

/// <summary>Provisioned device passwords in the shared PostgreSQL, as salted hashes (<see cref="PasswordHashing"/>), so a
/// device provisioned through one node can connect to any.</summary>
public sealed class PostgresCredentialStore(PostgresDatabase database) : ICredentialStore
{
    private const string NextChange = "nextval('device_credential_changes')";

    public async Task<string> ProvisionAsync(string deviceId, string district, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var password = PasswordHashing.NewPassword();
        await WriteAsync($"""
            INSERT INTO device_credentials (device_id, district, salt, hash, iterations, created_at, change)
            VALUES ($1, $2, $3, $4, $5, $6, {NextChange})
            ON CONFLICT (device_id) DO UPDATE SET district = excluded.district, salt = excluded.salt, hash = excluded.hash,
                iterations = excluded.iterations, created_at = excluded.created_at, rotated_at = NULL, revoked_at = NULL,
                change = excluded.change
            """, cancellationToken, deviceId, district, PasswordHashing.Hash(password), now);
        return password;
    }

    public async Task<string?> RotateAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var password = PasswordHashing.NewPassword();
        var rows = await WriteAsync($"""
            UPDATE device_credentials SET salt = $3, hash = $4, iterations = $5, rotated_at = $6, change = {NextChange}
            WHERE device_id = $1 AND revoked_at IS NULL
            """, cancellationToken, deviceId, null, PasswordHashing.Hash(password), now);
        return rows == 1 ? password : null;
    }

    public async Task<bool> RevokeAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await WriteAsync($"""
            UPDATE device_credentials SET salt = '', hash = '', revoked_at = $6, change = {NextChange}
            WHERE device_id = $1 AND revoked_at IS NULL
            """, cancellationToken, deviceId, null, null, now) == 1;

    public async Task<IReadOnlyList<CredentialSummary>> ListAsync(string? district, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("""
            SELECT device_id, district, created_at, rotated_at, revoked_at FROM device_credentials
            WHERE $1::text IS NULL OR district = $1 ORDER BY device_id
            """, connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)district ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<CredentialSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new CredentialSummary(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return list;
    }

    public async Task<IReadOnlyList<CredentialChange>> ChangesSinceAsync(long after, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "SELECT change, device_id FROM device_credentials WHERE change > $1 ORDER BY change", connection);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<CredentialChange>();
        while (await reader.ReadAsync(cancellationToken)) changes.Add(new CredentialChange(reader.GetInt64(0), reader.GetString(1)));
        return changes;
    }

    public async Task<long> LatestChangeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT coalesce(max(change), 0) FROM device_credentials", connection);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
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
        await using var command = new NpgsqlCommand("""
            SELECT district, salt, hash, iterations, created_at, change FROM device_credentials
            WHERE device_id = $1 AND revoked_at IS NULL
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredCredential(
            new DeviceCredential(deviceId, reader.GetString(0), reader.GetFieldValue<DateTimeOffset>(4)),
            new StoredPassword(reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2), reader.GetInt32(3)))
        {
            Change = reader.GetInt64(5),
        };
    }

    /// <summary>One write in a transaction that first locks the table against other writers: a change number is taken
    /// from the sequence only once every earlier one is committed, so followers never skip one. Credential writes are
    /// rare; readers (logins) are not blocked. Parameters: $1 device, $2 district, $3-$5 the hash, $6 the time.</summary>
    private async Task<int> WriteAsync(string sql, CancellationToken cancellationToken, string deviceId, string? district, StoredPassword? stored, DateTimeOffset now)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockTable = new NpgsqlCommand("LOCK TABLE device_credentials IN SHARE ROW EXCLUSIVE MODE", connection, transaction))
        {
            await lockTable.ExecuteNonQueryAsync(cancellationToken);
        }
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = deviceId });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)district ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stored?.Salt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stored?.Hash ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)stored?.Iterations ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Integer });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        var rows = await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }
}
