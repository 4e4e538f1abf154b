using CityBrain.Edge.Configuration;
using CityBrain.Edge.Hosting;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Timing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

public static class GatewayServiceCollectionExtensions
{
    /// <summary>The gateway service and what it needs. The options come from <paramref name="configure"/> (bound
    /// configuration in the service, code in tests) and are checked when the host starts. A <see cref="TimeProvider"/>
    /// or <see cref="DeviceFiles"/> registered before stays.</summary>
    public static IServiceCollection AddCityBrainGateway(this IServiceCollection services, Action<GatewayOptions> configure)
    {
        services.AddOptions<GatewayOptions>().Configure(configure).ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(new DeviceFiles());
        services.TryAddSingleton<CityBrain.Simulators.Chips.Bus.EmulatedSensorBus>();
        services.TryAddSingleton(sp => new ClockCheck(sp.GetRequiredService<TimeProvider>(), ClockCheck.BuildDateOf(typeof(GatewayService).Assembly)));
        services.AddSingleton<SensorFactory>();
        services.AddSingleton<LiveSettings>();
        services.AddSingleton<GatewayService>();
        services.AddHostedService(sp => sp.GetRequiredService<GatewayService>());
        return services;
    }
}
