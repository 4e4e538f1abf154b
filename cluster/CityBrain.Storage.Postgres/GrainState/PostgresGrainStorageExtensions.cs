using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace CityBrain.Storage.Postgres.GrainState;

public static class PostgresGrainStorageExtensions
{
    /// <summary>Registers <see cref="PostgresGrainStorage"/> under <paramref name="name"/> ("Default" also makes it the
    /// unnamed default), on the shared database of <see cref="PostgresStoresServiceCollectionExtensions.AddPostgresStores"/>
    /// (registered here too when the silo's services are not the host's).</summary>
    public static IServiceCollection AddPostgresGrainStorage(this IServiceCollection services, string name)
    {
        services.AddPostgresDatabase();
        return services.AddGrainStorage(name, (sp, storageName) => new PostgresGrainStorage(
            storageName, sp.GetRequiredService<PostgresDatabase>(), sp.GetRequiredService<Serializer>(), sp.GetRequiredService<ILogger<PostgresGrainStorage>>()));
    }
}
