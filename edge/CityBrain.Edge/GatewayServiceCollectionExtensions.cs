using CityBrain.Edge.Configuration;
using CityBrain.Edge.Link;
using CityBrain.Edge.Sensors;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Edge;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>The gateway's services; the options come from <paramref name="configure"/> (bound configuration in the
    /// service, code in tests), and are validated when the host starts.</summary>
    public static IServiceCollection AddCityBrainGateway(this IServiceCollection services, Action<GatewayOptions> configure)
    {
        services.AddOptions<GatewayOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SensorFactory>();
        services.AddSingleton<LiveSettings>();
        services.AddSingleton<MqttLink>();
        services.AddHostedService<GatewayService>();
        return services;
    }
}
