using CityBrain.Sqlite;

namespace CityBrain.Storage.Accounts;

/// <summary>The audit log in the node's accounts file.</summary>
public sealed class SqliteAuditLog : IAuditLog
{
    private readonly SqliteDatabase _database;

    public SqliteAuditLog(string path)
    {
        _database = new SqliteDatabase(path);
        _database.Execute("""
            CREATE TABLE IF NOT EXISTS audit_log (
                id           INTEGER PRIMARY KEY AUTOINCREMENT,
                at           INTEGER NOT NULL,
                actor        TEXT,
                role         TEXT,
                method       TEXT NOT NULL,
                route        TEXT NOT NULL,
                route_values TEXT NOT NULL,
                status       INTEGER NOT NULL,
                address      TEXT
            );
            CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (at);
            """);
    }

    public async Task AppendAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO audit_log (at, actor, role, method, route, route_values, status, address)
            VALUES ($at, $actor, $role, $method, $route, $values, $status, $address)
            """;
        command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$actor", (object?)entry.Actor ?? DBNull.Value);
        command.Parameters.AddWithValue("$role", (object?)entry.Role ?? DBNull.Value);
        command.Parameters.AddWithValue("$method", entry.Method);
        command.Parameters.AddWithValue("$route", entry.Route);
        command.Parameters.AddWithValue("$values", entry.RouteValues);
        command.Parameters.AddWithValue("$status", entry.Status);
        command.Parameters.AddWithValue("$address", (object?)entry.Address ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditEntry>> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = _database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT at, actor, role, method, route, route_values, status, address FROM audit_log
            WHERE ($from IS NULL OR at >= $from) AND ($to IS NULL OR at < $to) AND ($actor IS NULL OR actor = $actor)
            ORDER BY id DESC LIMIT $count
            """;
        command.Parameters.AddWithValue("$from", (object?)query.From?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$to", (object?)query.To?.ToUnixTimeMilliseconds() ?? DBNull.Value);
        command.Parameters.AddWithValue("$actor", (object?)query.Actor ?? DBNull.Value);
        command.Parameters.AddWithValue("$count", query.Count);
        var entries = new List<AuditEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)),
                reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return entries;
    }
}
