using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.OpenData.Access;

public static class OpenDataAccessServiceCollectionExtensions
{
    /// <summary>The one access decision every open-data interface asks (<see cref="IOpenDataAccess"/>), configured
    /// from <c>OpenData:Access</c> and checked at start.</summary>
    public static IServiceCollection AddOpenDataAccess(this IServiceCollection services)
    {
        services.AddOptions<OpenDataAccessOptions>().BindConfiguration(OpenDataAccessOptions.Section)
            .Configure<IConfiguration>((o, configuration) => o.AnonymousViewing = configuration.GetValue<bool>(OpenDataAccessOptions.AnonymousViewingSetting))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IOpenDataAccess, OpenDataAccess>();
        return services;
    }
}
