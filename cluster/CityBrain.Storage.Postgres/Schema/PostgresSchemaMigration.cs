using Microsoft.Extensions.Hosting;

namespace CityBrain.Storage.Postgres.Schema;

/// <summary>Migrates the shared database when the node starts, so a database it cannot use (newer than its code,
/// unreachable) stops it at start rather than at the first message.</summary>
public sealed class PostgresSchemaMigration(PostgresDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.EnsureMigratedAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
