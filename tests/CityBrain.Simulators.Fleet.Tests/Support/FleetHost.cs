using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.Simulators.Fleet.Tests.Support;

/// <summary>Runs a fleet in a real generic host, as the command line and the cluster host do.</summary>
internal static class FleetHost
{
    /// <summary>Runs a fleet with a duration to its end and returns it, summary and all. The gateways' outboxes live in a
    /// temporary directory that goes with the run.</summary>
    public static async Task<FleetSimulator> RunAsync(TestBroker broker, Action<FleetOptions> configure)
    {
        var outboxes = Scratch.Memory("fleet-outboxes-");
        try
        {
            using var host = Build(broker, o =>
            {
                o.OutboxDirectory = outboxes.FullName;
                configure(o);
                o.StopHostWhenDone = true;
            });
            await host.StartAsync();
            await host.WaitForShutdownAsync().WaitAsync(TimeSpan.FromSeconds(90));
            return host.Services.GetRequiredService<FleetSimulator>();
        }
        finally
        {
            outboxes.Delete(recursive: true);
        }
    }

    private static IHost Build(TestBroker broker, Action<FleetOptions> configure)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
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
