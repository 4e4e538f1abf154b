using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;

namespace CityBrain.Storage.GrainState;

public static class SqliteGrainStorageExtensions
{
    /// <summary>Registers <see cref="SqliteGrainStorage"/> under <paramref name="name"/> ("Default" also makes it the
    /// unnamed default).</summary>
    public static IServiceCollection AddSqliteGrainStorage(this IServiceCollection services, string name, SqliteGrainStorageOptions options) =>
        services.AddGrainStorage(name, (sp, storageName) => new SqliteGrainStorage(
            storageName, options, sp.GetRequiredService<Serializer>(), sp.GetRequiredService<ILogger<SqliteGrainStorage>>()));
}
