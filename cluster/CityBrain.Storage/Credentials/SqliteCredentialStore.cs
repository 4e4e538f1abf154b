using CityBrain.Sqlite;

namespace CityBrain.Storage.Credentials;

/// <summary>Provisioned device passwords, stored only as salted PBKDF2-SHA256 hashes. SQLite serialises writers, also
/// across processes (the CLI beside a running host), so the change number taken inside a write follows commit order.</summary>
public sealed class SqliteCredentialStore : ICredentialStore
{
    private const string NextChange = "(SELECT coalesce(max(change), 0) + 1 FROM device_credentials)";
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
        AddLifecycleColumns();
    }

    public string Path => _database.Path;

    public async Task<string> ProvisionAsync(string deviceId, string district, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var password = PasswordHashing.NewPassword();
        await WriteAsync($"""
            INSERT INTO device_credentials (device_id, district, salt, hash, iterations, created_at, change)
            VALUES ($id, $district, $salt, $hash, $iterations, $at, {NextChange})
            ON CONFLICT (device_id) DO UPDATE SET district = excluded.district, salt = excluded.salt, hash = excluded.hash,
                iterations = excluded.iterations, created_at = excluded.created_at, rotated_at = NULL, revoked_at = NULL,
                change = excluded.change
            """, deviceId, now, PasswordHashing.Hash(password), district, cancellationToken);
        return password;
    }

    public async Task<string?> RotateAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var password = PasswordHashing.NewPassword();
        var rows = await WriteAsync($"""
            UPDATE device_credentials SET salt = $salt, hash = $hash, iterations = $iterations, rotated_at = $at, change = {NextChange}
            WHERE device_id = $id AND revoked_at IS NULL
            """, deviceId, now, PasswordHashing.Hash(password), null, cancellationToken);
        return rows == 1 ? password : null;
    }

    public async Task<bool> RevokeAsync(string deviceId, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        await WriteAsync($"""
            UPDATE device_credentials SET salt = x'', hash = x'', revoked_at = $at, change = {NextChange}
            WHERE device_id = $id AND revoked_at IS NULL
            """, deviceId, now, null, null, cancellationToken) == 1;

    public async Task<IReadOnlyList<CredentialSummary>> ListAsync(string? district, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT device_id, district, created_at, rotated_at, revoked_at FROM device_credentials
            WHERE $district IS NULL OR district = $district ORDER BY device_id
            """;
        command.Parameters.AddWithValue("$district", (object?)district ?? DBNull.Value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var list = new List<CredentialSummary>();
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new CredentialSummary(reader.GetString(0), reader.GetString(1), Time(reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : Time(reader.GetInt64(3)), reader.IsDBNull(4) ? null : Time(reader.GetInt64(4))));
        }
        return list;
    }

    public async Task<IReadOnlyList<CredentialChange>> ChangesSinceAsync(long after, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT change, device_id FROM device_credentials WHERE change > $after ORDER BY change";
        command.Parameters.AddWithValue("$after", after);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var changes = new List<CredentialChange>();
        while (await reader.ReadAsync(cancellationToken)) changes.Add(new CredentialChange(reader.GetInt64(0), reader.GetString(1)));
        return changes;
    }

    public async Task<long> LatestChangeAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(change), 0) FROM device_credentials";
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
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT district, salt, hash, iterations, created_at, change FROM device_credentials
            WHERE device_id = $id AND revoked_at IS NULL
            """;
        command.Parameters.AddWithValue("$id", deviceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken)) return null;
        return new StoredCredential(
            new DeviceCredential(deviceId, reader.GetString(0), Time(reader.GetInt64(4))),
            new StoredPassword((byte[])reader["salt"], (byte[])reader["hash"], reader.GetInt32(3))) { Change = reader.GetInt64(5) };
    }

    private async Task<int> WriteAsync(string sql, string deviceId, DateTimeOffset now, StoredPassword? stored, string? district, CancellationToken cancellationToken)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", deviceId);
        command.Parameters.AddWithValue("$at", now.ToUnixTimeMilliseconds());
        if (district is not null) command.Parameters.AddWithValue("$district", district);
        if (stored is not null)
        {
            command.Parameters.AddWithValue("$salt", stored.Salt);
            command.Parameters.AddWithValue("$hash", stored.Hash);
            command.Parameters.AddWithValue("$iterations", stored.Iterations);
        }
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Files written before rotation and revocation existed lack these columns; their rows count as change 0,
    /// which no node waits for.</summary>
    private void AddLifecycleColumns()
    {
        using var connection = _database.Open();
        var columns = new HashSet<string>(StringComparer.Ordinal);
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name FROM pragma_table_info('device_credentials')";
            using var reader = command.ExecuteReader();
            while (reader.Read()) columns.Add(reader.GetString(0));
        }
        foreach (var (name, definition) in new[] { ("rotated_at", "INTEGER"), ("revoked_at", "INTEGER"), ("change", "INTEGER NOT NULL DEFAULT 0") })
        {
            if (!columns.Contains(name)) SqliteDatabase.Execute(connection, $"ALTER TABLE device_credentials ADD COLUMN {name} {definition}");
        }
        SqliteDatabase.Execute(connection, "CREATE INDEX IF NOT EXISTS device_credentials_change ON device_credentials (change)");
    }

    private static DateTimeOffset Time(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
