using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityBrain.Storage.Journal;

public static class RawJournalOptionsRegistration
{
    /// <summary>Binds <see cref="RawJournalOptions"/> to the "Journal" section with the checks every journal needs;
    /// a journal adds those of its own database.</summary>
    public static OptionsBuilder<RawJournalOptions> AddRawJournalOptions(this IServiceCollection services) =>
        services.AddOptions<RawJournalOptions>().BindConfiguration("Journal")
            .Validate(o => o.MaxGroupSize is > 0 and <= 100_000, "Journal:MaxGroupSize must be 1..100000")
            .Validate(o => o.Retention >= TimeSpan.FromDays(3), "Journal:Retention must be at least 3 days: the late window and replay read that far back")
            .Validate(o => o.PruneInterval > TimeSpan.Zero, "Journal:PruneInterval must be positive")
            .ValidateOnStart();
}
