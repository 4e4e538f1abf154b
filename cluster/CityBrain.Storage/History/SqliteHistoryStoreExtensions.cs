using CityBrain.Indicators.History;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityBrain.Storage.History;

public static class SqliteHistoryStoreExtensions
{
    /// <summary>Registers <see cref="SqliteHistoryStore"/> as the <see cref="IHistoryStore"/> singleton. Uses the
    /// registered <see cref="TimeProvider"/>, or the system clock.</summary>
    public static IServiceCollection AddSqliteHistoryStore(this IServiceCollection services, Action<HistoryStoreOptions>? configure = null)
    {
        var options = services.AddOptions<HistoryStoreOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteHistoryStore>();
        services.TryAddSingleton<IHistoryStore>(sp => sp.GetRequiredService<SqliteHistoryStore>());
        return services;
    }
}
