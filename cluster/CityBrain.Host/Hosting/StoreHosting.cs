using CityBrain.Storage;
using CityBrain.Storage.Postgres;

namespace CityBrain.Host.Hosting;

/// <summary>Where a node keeps the journal, history, credentials, dead letters and retained device messages: SQLite
/// files in its data directory on one machine, the shared PostgreSQL in a cluster. Everything above depends only on the
/// store interfaces.</summary>
public static class StoreHosting
{
    /// <summary>Registers the stores of <paramref name="options"/>' mode. In embedded mode it also takes the data
    /// directory's lock and returns it, so that no second host (or <c>replay</c>) writes the same files.</summary>
    public static DataDirectoryLock? AddCityBrainStores(this IHostApplicationBuilder builder, CityBrainOptions options)
    {
        if (options.Mode == HostMode.Cluster)
        {
            builder.Services.AddPostgresStores();
            return null;
        }
        var dataLock = DataDirectoryLock.Acquire(options.DataDirectory);
        builder.Services.AddSqliteStores(builder.Configuration, options.DataDirectory);
        return dataLock;
    }
}
