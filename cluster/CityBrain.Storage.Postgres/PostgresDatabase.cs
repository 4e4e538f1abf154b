using CityBrain.Storage.Postgres.Schema;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CityBrain.Storage.Postgres;

/// <summary>The shared PostgreSQL as every store of a node uses it: one pooled data source, and a schema migrated to
/// this code's version before any store touches a table.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresMigrator _migrator;
    private readonly Lock _migrationLock = new();
    private Task? _migration;

    public PostgresDatabase(IOptions<PostgresStoreOptions> options, ILoggerFactory loggers)
    {
        _dataSource = new NpgsqlDataSourceBuilder(options.Value.ConnectionString).UseLoggerFactory(loggers).Build();
        var settings = new NpgsqlConnectionStringBuilder(_dataSource.ConnectionString);
        Name = $"{settings.Host}:{settings.Port}/{settings.Database ?? settings.Username}";
        _migrator = new PostgresMigrator(_dataSource, Name, loggers.CreateLogger<PostgresMigrator>());
    }

    /// <summary>host:port/database, for messages (never the password).</summary>
    public string Name { get; }

    /// <summary>Migrates the schema once per node; a failed attempt (say, the server was down) is tried again by the
    /// next caller. The migration itself is not cancelled with one caller: others may be waiting for it.</summary>
    public Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        var migration = _migration;
        if (migration is { IsCompletedSuccessfully: true }) return Task.CompletedTask;
        lock (_migrationLock)
        {
            if (_migration is null || _migration.IsFaulted || _migration.IsCanceled)
            {
                _migration = _migrator.MigrateAsync(CancellationToken.None);
            }
            migration = _migration;
        }
        return migration.WaitAsync(cancellationToken);
    }

    /// <summary>An open connection to a migrated database; <see cref="PostgresUnavailableException"/> when the server
    /// cannot be reached.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureMigratedAsync(cancellationToken);
        try
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (Exception ex) when (PostgresUnavailableException.IsUnreachable(ex))
        {
            throw Unreachable(ex);
        }
    }

    public PostgresUnavailableException Unreachable(Exception cause) => PostgresUnavailableException.At(Name, cause);

    /// <summary>Drops the pooled connections, which a restarted server has closed, so the next caller opens fresh ones
    /// instead of finding each dead one in turn.</summary>
    public void ForgetConnections() => _dataSource.Clear();

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
