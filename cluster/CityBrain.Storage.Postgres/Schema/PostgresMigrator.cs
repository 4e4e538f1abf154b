using Microsoft.Extensions.Logging;
using Npgsql;

namespace CityBrain.Storage.Postgres.Schema;

/// <summary>Brings the shared database to <see cref="PostgresMigrations.Latest"/>. Every node runs it at start; an
/// advisory lock makes nodes starting together take turns, and the steps run in one transaction with the record of
/// them, so a node that dies half-way leaves the schema as it was.</summary>
public sealed partial class PostgresMigrator(NpgsqlDataSource dataSource, string databaseName, ILogger<PostgresMigrator> logger)
{
    /// <summary>One key for this schema in the database's advisory lock space ("CityBrai" in ASCII).</summary>
    private const long LockKey = 0x4369747942726169;

    /// <summary>Applies the missing steps and returns the schema version the database is at.</summary>
    public async Task<int> MigrateAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MigrateUnguardedAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresUnavailableException.IsUnreachable(ex))
        {
            throw PostgresUnavailableException.At(databaseName, ex);
        }
    }

    private async Task<int> MigrateUnguardedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        await ExecuteAsync(connection, """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version     integer PRIMARY KEY,
                description text NOT NULL,
                applied_at  timestamptz NOT NULL DEFAULT now()
            )
            """, cancellationToken);
        await using var current = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM schema_migrations", connection);
        var version = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
        if (version > PostgresMigrations.Latest)
        {
            throw new InvalidOperationException(
                $"the PostgreSQL database {databaseName} has schema version {version}, newer than this node's {PostgresMigrations.Latest}: run a CityBrain at least as new as the one that migrated it");
        }
        foreach (var migration in PostgresMigrations.All.Where(m => m.Version > version))
        {
            await ExecuteAsync(connection, migration.Sql, cancellationToken);
            await using var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, description) VALUES ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = migration.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = migration.Description });
            await record.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(databaseName, migration.Version, migration.Description);
        }
        await transaction.CommitAsync(cancellationToken);
        return PostgresMigrations.Latest;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "PostgreSQL {Database}: applied schema migration {Version} ({Description})")]
    private partial void LogApplied(string database, int version, string description);
}
