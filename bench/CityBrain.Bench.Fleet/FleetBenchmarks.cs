using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Parsing;
using CityBrain.Simulators.Fleet;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Uplinks;
using CityBrain.Simulators.Fleet.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CityBrain.Bench.Fleet;

internal static class FleetBenchmarks
{
    private static readonly string[] DemoDistricts =
        ["mentougou", "changping", "shunyi", "pinggu", "shijingshan", "haidian", "chaoyang", "tongzhou", "fangshan", "fengtai", "dongcheng", "daxing"];

    /// <summary>One MQTT connection per gateway: how fast a fleet connects, what each gateway costs in memory, and the CPU
    /// the fleet needs to keep reporting.</summary>
    public static async Task ConnectionsAsync(int gateways, UplinkMode uplink, int seconds, TimeSpan interval)
    {
        await using var broker = await BrokerProcess.StartAsync();
        // Declared before the host, so it is deleted after the host stopped, whether the run ended well or not.
        using var outboxes = new ScratchDirectory(Path.Combine("/dev/shm", $"citybrain-fleet-bench-{Environment.ProcessId}"));
        using var host = FleetHost(o =>
        {
            o.BrokerPort = broker.Port;
            o.Districts = [.. DemoDistricts];
            o.Gateways = gateways;
            o.Uplink = uplink;
            o.ReportInterval = interval;
            o.ConnectRate = 1_000;
            o.OutboxDirectory = outboxes.Path;
        });
        var rssBefore = Settled();
        var clock = Stopwatch.StartNew();
        await host.StartAsync();
        var fleet = host.Services.GetRequiredService<FleetSimulator>();
        while (fleet.GatewaysOnline < gateways && clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            await ThrowIfStoppedAsync(fleet);
            await Task.Delay(100);
        }
        var connected = fleet.GatewaysOnline;
        var connectTime = clock.Elapsed;
        // Steady state: every gateway connected and reporting.
        await Task.Delay(interval * 2);
        var (cpu, acknowledged, window) = await SteadyAsync(fleet, seconds);
        var rssAfter = BenchReport.ResidentMegabytes();
        var brokerRss = BenchReport.ResidentMegabytes(broker.Id);
        await host.StopAsync();

        BenchReport.Write($"Fleet: {gateways:N0} gateways, one connection each ({uplink} uplink)", [
            ("gateways connected", $"{connected:N0} of {gateways:N0} in {connectTime.TotalSeconds:N1} s (started at 1,000/s)"),
            ("fleet resident memory before / connected", $"{rssBefore:N0} MB / {rssAfter:N0} MB"),
            ("fleet memory per gateway", $"{(rssAfter - rssBefore) * 1024 / gateways:N1} KB"),
            ("reports acknowledged", $"{acknowledged / window.TotalSeconds:N0}/s (offered {gateways / interval.TotalSeconds:N0}/s, one per gateway every {interval.TotalSeconds:0} s)"),
            ("fleet CPU in steady state", $"{cpu:P0} of one core"),
            ("broker process resident memory (MQTTnet, separate process)", $"{brokerRss:N0} MB"),
        ], "Fleet and broker share the machine's cores; the broker only accepts (no ingest).");
    }

    /// <summary>Batched mode: many gateways' reports through a few service connections, as the ingest benchmarks load the cluster.</summary>
    public static async Task SharedAsync(int gateways, int connections, int inFlight, int seconds, TimeSpan interval)
    {
        await using var broker = await BrokerProcess.StartAsync();
        using var host = FleetHost(o =>
        {
            o.BrokerPort = broker.Port;
            o.Districts = [.. DemoDistricts];
            o.Gateways = gateways;
            o.Uplink = UplinkMode.Shared;
            o.SharedConnections = connections;
            o.InFlight = inFlight;
            o.ServiceUser = "bench";
            o.ServicePassword = "bench";
            o.ReportInterval = interval;
            o.ConnectRate = 100_000;
        });
        await host.StartAsync();
        var fleet = host.Services.GetRequiredService<FleetSimulator>();
        await Task.Delay(interval * 2);
        var (cpu, acknowledged, window) = await SteadyAsync(fleet, seconds);
        await host.StopAsync();

        BenchReport.Write($"Fleet: shared connections for ingest load", [
            ("gateways / connections / in flight per connection", $"{gateways:N0} / {connections} / {inFlight}"),
            ("offered", $"{gateways / interval.TotalSeconds:N0} reports/s of 12 readings"),
            ("acknowledged by a bare MQTTnet broker", $"{acknowledged / window.TotalSeconds:N0} reports/s = {acknowledged * 12 / window.TotalSeconds:N0} readings/s"),
            ("fleet CPU", $"{cpu:P0} of one core"),
        ], "Fleet and broker share the machine's cores.");
    }

    /// <summary>The value model and the wire serialisation alone, on one thread.</summary>
    public static void Compose(int reports)
    {
        var scenario = ScenarioReader.Load(Path.Combine(AppContext.BaseDirectory, "scenarios", "demo-city.json"));
        var sites = FleetPlan.Sites(scenario, 10_000);
        var start = DateTimeOffset.UtcNow;
        var composer = new ReportComposer(new CityAir(scenario, start), scenario.ReportInterval, scenario.Seed);
        var bytes = 0L;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < reports; i++)
        {
            var site = sites[i % sites.Count];
            foreach (var message in composer.Compose(site, [], start + scenario.ReportInterval * (i / sites.Count))) bytes += message.Encode(i).Length;
        }
        var rate = reports / clock.Elapsed.TotalSeconds;
        BenchReport.Write("Fleet: value model and serialisation", [
            ("reports composed (12 readings each, demo city, 10,000 gateways)", reports.ToString("N0", CultureInfo.InvariantCulture)),
            ("rate on one thread", $"{rate:N0} reports/s"),
            ("payload size", $"{bytes / (double)reports:N0} bytes per report"),
        ]);
    }

    private static async Task<(double Cpu, long Acknowledged, TimeSpan Window)> SteadyAsync(FleetSimulator fleet, int seconds)
    {
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var ackBefore = fleet.Counters.Snapshot().Count(MessageKind.Report, DeliveryStatus.Acknowledged);
        var clock = Stopwatch.StartNew();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        await ThrowIfStoppedAsync(fleet);
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore) / clock.Elapsed;
        return (cpu, fleet.Counters.Snapshot().Count(MessageKind.Report, DeliveryStatus.Acknowledged) - ackBefore, clock.Elapsed);
    }

    /// <summary>A fleet that stopped (a plan this machine cannot run, say) has logged why; measuring on would record
    /// zeros as if they were figures.</summary>
    private static async Task ThrowIfStoppedAsync(FleetSimulator fleet)
    {
        if (fleet.ExecuteTask is not { IsCompleted: true } run) return;
        await run;
        throw new InvalidOperationException("the fleet stopped before the measurement ended; nothing recorded");
    }

    private static IHost FleetHost(Action<FleetOptions> configure)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddFleetSimulator(o =>
        {
            o.FleetSecret = "bench";
            configure(o);
        });
        return builder.Build();
    }

    private static double Settled()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return BenchReport.ResidentMegabytes();
    }

    /// <summary>This program in broker mode, as a child process on a free loopback port.</summary>
    private sealed class BrokerProcess(Process process, int port) : IAsyncDisposable
    {
        public int Port => port;

        public string Id => process.Id.ToString(CultureInfo.InvariantCulture);

        public static async Task<BrokerProcess> StartAsync()
        {
            int port;
            using (var listener = new TcpListener(IPAddress.Loopback, 0))
            {
                listener.Start();
                port = ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            // Run as "dotnet CityBrain.Bench.Fleet.dll", the child needs the assembly named; as the app host, it does not.
            var self = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? [typeof(FleetBenchmarks).Assembly.Location] : Array.Empty<string>();
            var process = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, [.. self, "broker", "--port", port.ToString(CultureInfo.InvariantCulture)])
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
            })!;
            if (await process.StandardOutput.ReadLineAsync() != "ready") throw new InvalidOperationException("the broker process did not start");
            return new BrokerProcess(process, port);
        }

        public async ValueTask DisposeAsync()
        {
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            process.Dispose();
        }
    }
}
