using CityBrain.Simulators.Fleet.Reporting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CityBrain.Simulators.Fleet;

public static class FleetServiceCollectionExtensions
{
    /// <summary>Adds a simulated city to a host; the cluster host uses this for <c>--simulate N</c>:
    /// <code>services.AddFleetSimulator(o => { o.BrokerPort = 1883; o.Gateways = n; o.Districts = ids; o.FleetSecret = secret; });</code>
    /// A <see cref="Uplinks.IGatewayCredentials"/> in the container replaces the passwords derived from the fleet secret.</summary>
    public static IServiceCollection AddFleetSimulator(this IServiceCollection services, Action<FleetOptions> configure)
    {
        services.Configure(configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<FleetCounters>();
        services.TryAddSingleton<FleetSimulator>();
        services.AddHostedService(sp => sp.GetRequiredService<FleetSimulator>());
        return services;
    }
}
