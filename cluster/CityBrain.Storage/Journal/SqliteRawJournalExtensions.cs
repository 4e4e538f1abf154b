using CityBrain.Contracts.Journal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace CityBrain.Storage.Journal;

public static class SqliteRawJournalExtensions
{
    /// <summary>Registers <see cref="SqliteRawJournal"/> as the <see cref="IRawJournal"/> singleton and as the hosted
    /// service that commits it. Uses the registered <see cref="TimeProvider"/>, or the system clock.</summary>
    public static IServiceCollection AddSqliteRawJournal(this IServiceCollection services, Action<RawJournalOptions>? configure = null)
    {
        var options = services.AddRawJournalOptions()
            .Validate(o => !string.IsNullOrWhiteSpace(o.DatabasePath), "Journal:DatabasePath is empty");
        if (configure is not null) options.PostConfigure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SqliteRawJournal>();
        services.TryAddSingleton<IRawJournal>(sp => sp.GetRequiredService<SqliteRawJournal>());
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<SqliteRawJournal>());
        return services;
    }
}
