using System.CommandLine;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Reporting;
using CityBrain.Simulators.Fleet.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.Simulators.Fleet.Cli;

/// <summary><c>citybrain-fleet run</c>: a simulated city against a broker, with a progress line and a final summary.
/// Exit code 0 when nothing went wrong that a fault did not cause, 1 when something did, 2 for a setting that cannot work.</summary>
internal static class RunCommand
{
    public const string FleetSecretVariable = "CITYBRAIN_FLEET_SECRET";
    public const string ServicePasswordVariable = "CITYBRAIN_SERVICE_PASSWORD";

    /// <summary>The switch that sets each <see cref="FleetOptions"/> property, for errors found after parsing.</summary>
    private static readonly Dictionary<string, string> Switches = new(StringComparer.Ordinal)
    {
        [nameof(FleetOptions.Gateways)] = "--gateways",
        [nameof(FleetOptions.Districts)] = "--districts",
        [nameof(FleetOptions.TimeScale)] = "--time-scale",
        [nameof(FleetOptions.Duration)] = "--duration",
        [nameof(FleetOptions.Start)] = "--start",
        [nameof(FleetOptions.ReportInterval)] = "--report-interval",
        [nameof(FleetOptions.HealthInterval)] = "--health-interval",
        [nameof(FleetOptions.FleetSecret)] = $"--fleet-secret (or {FleetSecretVariable})",
        [nameof(FleetOptions.ServiceUser)] = "--service-user",
        [nameof(FleetOptions.TimeZone)] = "--time-zone",
        [nameof(FleetOptions.Uplink)] = "--uplink",
        [nameof(FleetOptions.DevicePrefix)] = "--device-prefix",
        [nameof(FleetOptions.BrokerEndpoints)] = "--broker",
        [nameof(FleetOptions.RegionFile)] = "--regions",
    };

    public static Command Create()
    {
        var broker = CliParsers.Brokers();
        var scenario = new Option<FileInfo?>("--scenario") { Description = "A scenario file (JSON) describing the city; see scenarios/demo-city.json", HelpName = "file" };
        var gateways = CliParsers.Positive("--gateways", "How many gateways: with a scenario, spread over its districts in its proportions");
        var districts = CliParsers.CommaList("--districts", "Without a scenario: district ids to spread the gateways over", "id,id,...");
        var regions = new Option<FileInfo?>("--regions") { Description = "The cluster's region file: gateways stand inside their district's outline and are named after it", HelpName = "file" };
        var seed = new Option<int?>("--seed") { Description = "Same seed, same data (overrides the scenario's)" };
        var prefix = new Option<string?>("--device-prefix") { Description = "Gateway ids begin with this (default sim, or the scenario's); lets fleets run side by side" };
        var interval = CliParsers.Duration("--report-interval", "Report window of every gateway, e.g. 10s");
        var healthInterval = CliParsers.Duration("--health-interval", "How often every gateway publishes its health, on the simulated clock (default 1m, as a gateway)");
        var timeScale = new Option<double>("--time-scale") { Description = "Simulated seconds per real second; 60 runs a day in 24 minutes (needs --duration)", DefaultValueFactory = _ => 1 };
        var start = CliParsers.Start();
        var duration = CliParsers.Duration("--duration", "Simulated time to run for, e.g. 1d; without it, until Ctrl+C");
        var faults = new Option<List<string>>("--fault") { Description = $"Inject a fault (repeatable): {FaultSpecs.Syntax}", HelpName = "spec" };
        var secret = new Option<string?>("--fleet-secret") { Description = $"Secret the gateway passwords derive from (default: ${FleetSecretVariable})" };
        var uplink = new Option<UplinkMode>("--uplink")
        {
            Description = "Gateway: the edge gateway's outbox, link and pump per gateway; Direct: one bare connection per gateway (lightest, no outbox); Shared: a few service connections, for ingest benchmarks",
            DefaultValueFactory = _ => UplinkMode.Gateway,
        };
        var outboxes = new Option<DirectoryInfo?>("--outboxes") { Description = "Gateway uplink: directory of the gateways' outboxes (default /dev/shm/citybrain-fleet/<broker>)", HelpName = "dir" };
        var connections = CliParsers.Positive("--connections", "Shared uplink: connections (default 16)");
        var inFlight = CliParsers.Positive("--in-flight", "Shared uplink: QoS 1 publishes in flight per connection (default 64)");
        var serviceUser = new Option<string?>("--service-user") { Description = "Shared uplink: the broker's service account" };
        var servicePassword = new Option<string?>("--service-password") { Description = $"Shared uplink: its password (default: ${ServicePasswordVariable})" };
        var connectRate = CliParsers.Positive("--connect-rate", "New gateway connections per second while the fleet starts (default 500)");
        var truth = new Option<FileInfo?>("--truth") { Description = "Write the ground truth (what was acknowledged, per gateway, hour and quantity) to this SQLite file", HelpName = "file" };
        var quiet = new Option<bool>("--quiet") { Description = "No progress line" };
        var verbose = new Option<bool>("--verbose") { Description = "Log at Information level" };

        var command = new Command("run", "Run a simulated city against an MQTT broker")
        {
            broker, scenario, gateways, districts, regions, seed, prefix, interval, healthInterval, timeScale, start, duration, faults, secret, uplink, outboxes,
            connections, inFlight, serviceUser, servicePassword, connectRate, truth, quiet, verbose,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            void Apply(FleetOptions o)
            {
                o.BrokerEndpoints = result.GetRequiredValue(broker);
                o.ScenarioPath = result.GetValue(scenario)?.FullName;
                o.Gateways = result.GetValue(gateways);
                o.Districts = result.GetValue(districts) ?? [];
                o.RegionFile = result.GetValue(regions)?.FullName;
                o.Seed = result.GetValue(seed);
                o.DevicePrefix = result.GetValue(prefix);
                o.ReportInterval = result.GetValue(interval);
                o.HealthInterval = result.GetValue(healthInterval) ?? o.HealthInterval;
                o.TimeScale = result.GetValue(timeScale);
                o.Start = result.GetValue(start);
                o.Duration = result.GetValue(duration);
                o.Faults = result.GetValue(faults) ?? [];
                o.FleetSecret = result.GetValue(secret) ?? Environment.GetEnvironmentVariable(FleetSecretVariable) ?? "";
                o.Uplink = result.GetValue(uplink);
                o.OutboxDirectory = result.GetValue(outboxes)?.FullName;
                o.SharedConnections = result.GetValue(connections) ?? o.SharedConnections;
                o.InFlight = result.GetValue(inFlight) ?? o.InFlight;
                o.ServiceUser = result.GetValue(serviceUser);
                o.ServicePassword = result.GetValue(servicePassword) ?? Environment.GetEnvironmentVariable(ServicePasswordVariable);
                o.ConnectRate = result.GetValue(connectRate) ?? o.ConnectRate;
                o.GroundTruthPath = result.GetValue(truth)?.FullName;
                o.StopHostWhenDone = true;
            }

            var error = result.InvocationConfiguration.Error;
            var options = new FleetOptions();
            Apply(options);
            if (Problems(options) is { Count: > 0 } problems)
            {
                foreach (var problem in problems) await error.WriteLineAsync($"citybrain-fleet run: {problem}");
                return 2;
            }
            return await RunAsync(Apply, options.GroundTruthPath, result.InvocationConfiguration.Output, error,
                result.GetValue(quiet), result.GetValue(verbose), cancellationToken);
        });
        return command;
    }

    /// <summary>Everything wrong with the settings, found by planning the run before any gateway connects.</summary>
    private static List<string> Problems(FleetOptions options)
    {
        try
        {
            FleetRun.Plan(options, TimeProvider.System);
            return [];
        }
        catch (InvalidScenarioException ex)
        {
            return ex.Errors.Select(e => e.ToString()).ToList();
        }
        catch (FleetConfigurationException ex)
        {
            return [$"{Switches.GetValueOrDefault(ex.Setting, ex.Setting)}: {ex.Problem}"];
        }
    }

    private static async Task<int> RunAsync(
        Action<FleetOptions> configure, string? truth, TextWriter output, TextWriter error, bool quiet, bool verbose, CancellationToken cancellationToken)
    {
        // No default configuration sources: the tool's settings are its switches, and an appsettings.json that happens to
        // lie beside it must not change them.
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Information : LogLevel.Warning);
        builder.Services.AddFleetSimulator(configure);
        if (!quiet)
        {
            builder.Services.AddHostedService(sp => new ConsoleProgress(
                sp.GetRequiredService<FleetSimulator>(), sp.GetRequiredService<TimeProvider>(), error, interactive: !Console.IsErrorRedirected));
        }
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);
        // Not RunAsync: it disposes the host, and the summary is read from it afterwards.
        await host.WaitForShutdownAsync(cancellationToken);
        var fleet = host.Services.GetRequiredService<FleetSimulator>();
        if (fleet.Summary is not { } summary)
        {
            var failure = fleet.ExecuteTask?.Exception?.GetBaseException().Message ?? "it stopped before its first report";
            await error.WriteLineAsync($"citybrain-fleet run: the fleet failed: {failure}");
            return 1;
        }
        await output.WriteAsync(summary.Describe());
        if (truth is not null) await output.WriteLineAsync($"  ground truth: {truth}");
        return summary.Errors > 0 ? 1 : 0;
    }
}
