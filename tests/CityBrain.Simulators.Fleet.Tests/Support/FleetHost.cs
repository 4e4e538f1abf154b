using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.Simulators.Fleet.Tests.Support;

/// <summary>Runs a fleet in a real generic host, as the command line and the cluster host do.</summary>
internal static class FleetHost
{
    /// <summary>Runs a fleet with a duration to its end and returns it, summary and all.</summary>
    public static async Task<FleetSimulator> RunAsync(TestBroker broker, Action<FleetOptions> configure)
    {
        using var host = Build(broker, o =>
        {
            configure(o);
            o.StopHostWhenDone = true;
        });
        await host.StartAsync();
        await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return host.Services.GetRequiredService<FleetSimulator>();
    }

    public static IHost Build(TestBroker broker, Action<FleetOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddFleetSimulator(o =>
        {
            o.BrokerPort = broker.Port;
            o.FleetSecret = TestBroker.FleetSecret;
            o.ConnectRate = 10_000;
            configure(o);
        });
        return builder.Build();
    }
}
