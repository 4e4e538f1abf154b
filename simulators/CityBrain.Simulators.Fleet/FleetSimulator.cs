using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Simulators.Fleet;

/// <summary>Runs a simulated city: <see cref="FleetOptions.Gateways"/> gateways spread over the districts, each on
/// its own connection, started gradually so that a large fleet does not arrive at the broker all in one second.</summary>
public sealed class FleetSimulator(IOptions<FleetOptions> options, FleetCounters counters, TimeProvider time, ILogger<FleetSimulator> logger)
    : BackgroundService
{
    public IReadOnlyList<SimulatedGateway> CreateGateways()
    {
        var o = options.Value;
        if (o.Districts.Count == 0) throw new InvalidOperationException("the fleet needs at least one district (Fleet:Districts)");
        if (string.IsNullOrEmpty(o.FleetSecret)) throw new InvalidOperationException("the fleet needs the broker's fleet secret (Fleet:FleetSecret)");
        var climate = new CityClimate(o.Seed, TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone));
        return Enumerable.Range(0, o.Gateways)
            .Select(i => new SimulatedGateway($"{o.DevicePrefix}-{i:D5}", o.Districts[i % o.Districts.Count], i % o.Districts.Count, i,
                o, climate, counters, time, logger))
            .ToList();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var gateways = CreateGateways();
        logger.LogInformation("Simulating {Gateways} gateways over {Districts} districts against {Host}:{Port}",
            gateways.Count, options.Value.Districts.Count, options.Value.BrokerHost, options.Value.BrokerPort);
        var running = new List<Task>(gateways.Count);
        // Spread the first reports over one interval rather than sending them all at the same instant.
        var stagger = options.Value.ReportInterval / Math.Max(1, gateways.Count);
        foreach (var gateway in gateways)
        {
            running.Add(Task.Run(() => gateway.RunAsync(stoppingToken), CancellationToken.None));
            await Task.Delay(stagger, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            if (stoppingToken.IsCancellationRequested) break;
        }
        await Task.WhenAll(running);
        logger.LogInformation("Fleet stopped: {Published} reports published, {Refused} refused, {Errors} connection errors",
            counters.PublishedTotal, counters.RefusedTotal, counters.ErrorsTotal);
    }
}

public static class FleetSimulatorExtensions
{
    /// <summary>Adds a simulated city to a host; the cluster host uses this for <c>--simulate N</c>.</summary>
    public static IServiceCollection AddFleetSimulator(this IServiceCollection services, Action<FleetOptions> configure)
    {
        services.Configure(configure);
        services.AddSingleton<FleetCounters>();
        services.AddHostedService<FleetSimulator>();
        return services;
    }
}
