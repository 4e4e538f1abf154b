using System.Security.Cryptography;
using CityBrain.Grains;
using CityBrain.Grains.Regions;
using CityBrain.Host.Hosting;
using CityBrain.Host.Security;
using CityBrain.Ingest.Broker;
using CityBrain.Simulators.Fleet;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Simulators.Demo;

/// <summary>A simulated city inside the host, so the cockpit is alive on first start. Its gateways connect over loopback
/// like real ones, with passwords derived from the broker's fleet secret (a fresh one per run unless given).</summary>
public static class SimulatedCity
{
    /// <summary><c>--simulate N</c> starts N simulated gateways; 0 starts none.</summary>
    public static readonly IReadOnlyList<CommandLineSwitch> HelpSwitches =
    [
        new("--simulate", $"{FleetOptions.Section}:{nameof(FleetOptions.Gateways)}", "N", "simulated gateways in the city (./citybrain.sh run: 120; 0 for none)"),
        new("--backfill-days", $"{FleetOptions.Section}:{nameof(FleetOptions.BackfillDays)}", "N",
            $"days of history each simulated gateway sends before reporting live (./citybrain.sh run: {DemoDefaults.BackfillDays}; 0 for none)"),
    ];

    /// <summary>Adds the fleet when the command line or configuration asks for gateways.</summary>
    public static void AddSimulatedCity(this WebApplicationBuilder builder, string[] args)
    {
        builder.Configuration.AddCommandLine(args, HelpSwitches.ToDictionary(s => s.Name, s => s.Setting));
        var gateways = builder.Configuration.GetValue<int?>($"{FleetOptions.Section}:{nameof(FleetOptions.Gateways)}") ?? 0;
        if (gateways <= 0) return;

        var options = builder.Configuration.GetSection(CityBrainOptions.Section).Get<CityBrainOptions>() ?? new CityBrainOptions();
        var broker = builder.Configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        var secret = broker.FleetSecret ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        builder.Services.PostConfigure<BrokerOptions>(o => o.FleetSecret = secret);
        var backfillDays = builder.Configuration.GetValue<int?>($"{FleetOptions.Section}:{nameof(FleetOptions.BackfillDays)}") ?? 0;
        // The history's hours are late readings to the cluster: only those within its late window become hourly means.
        var history = TimeSpan.FromDays(backfillDays) + TimeSpan.FromHours(2);
        if (backfillDays > 0) builder.Services.PostConfigure<GrainOptions>(o => o.LateWindow = o.LateWindow < history ? history : o.LateWindow);
        builder.Services.AddFleetSimulator(o =>
        {
            builder.Configuration.GetSection(FleetOptions.Section).Bind(o);
            o.BrokerHost = "127.0.0.1";
            // Gateways given the broker's CA connect over TLS, as real ones do.
            o.BrokerPort = o.BrokerCaFile is null ? broker.Port
                : (builder.Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions()).MqttsPort;
            // Every district of the host's region file, in its time zone, each gateway inside its district's outline.
            o.Districts = [];
            o.RegionFile = options.RegionFile;
            o.FleetSecret = secret;
            // The simulated gateways' outboxes belong with the cluster's data: they live and go with it.
            o.OutboxDirectory ??= Path.GetFullPath(options.DataPath("fleet-outboxes"));
        });
    }
}
