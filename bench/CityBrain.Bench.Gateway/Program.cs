using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using MQTTnet.Server;

// dotnet run -c Release --project bench/CityBrain.Bench.Gateway [-- --reports 5000 --seconds 30]
// Outbox write and drain rates, and the resident memory of the real gateway process publishing every second, published
// with Native AOT (this takes a minute) and as the framework-dependent build.
var reports = Option("--reports", 5_000);
var seconds = Option("--seconds", 30);
var readings = Enumerable.Range(0, 12).Select(i => Reading.Of((Quantity)(i % 13), 10 + i, Quality.Ok, "bench", 9 + i, 11 + i, 12)).ToList();
var data = Directory.CreateTempSubdirectory("citybrain-gw-bench-").FullName;
await using var outbox = SqliteOutbox.Open(Path.Combine(data, "outbox.db"), new OutboxOptions(), TimeProvider.System, NullLogger<SqliteOutbox>.Instance);
var queue = outbox.Device("gw-bench");
var window = new DateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(-1).UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero);

var clock = Stopwatch.StartNew();
for (var i = 0; i < reports; i++)
{
    await queue.EnqueueAsync(window, TimeSpan.FromMinutes(1), readings);
}
var written = reports / clock.Elapsed.TotalSeconds;

// Many writers at once (a gateway serving several devices, a fleet, a backlog of windows closing together) share
// each commit and its sync.
const int Writers = 32;
clock.Restart();
for (var i = 0; i < reports; i += Writers)
{
    await Task.WhenAll(Enumerable.Range(0, Math.Min(Writers, reports - i)).Select(_ => queue.EnqueueAsync(window, TimeSpan.FromMinutes(1), readings)));
}
var writtenTogether = reports / clock.Elapsed.TotalSeconds;

var port = FreePort();
var factory = new MqttServerFactory();
using var broker = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
    .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
// The measured gateways' telemetry, so the figure is of a gateway that really publishes.
var published = 0;
broker.InterceptingPublishAsync += e =>
{
    if (e.ClientId == "gw-rss" && e.ApplicationMessage.Topic.EndsWith("/telemetry", StringComparison.Ordinal)) Interlocked.Increment(ref published);
    return Task.CompletedTask;
};
await broker.StartAsync();
using var publisher = new GatewayPublisher(outbox, new LinkOptions("gw-bench", "haidian", "127.0.0.1", port, "x"), new PumpOptions(),
    TimeProvider.System, NullLoggerFactory.Instance);
using var stop = new CancellationTokenSource();
clock.Restart();
var draining = publisher.RunAsync(stop.Token);
while ((await queue.BacklogAsync()).Depth > 0) await Task.Delay(20);
var drained = 2 * reports / clock.Elapsed.TotalSeconds;
stop.Cancel();
await draining.ContinueWith(_ => { }, TaskScheduler.Default);

// As a gateway runs it (Native AOT, as edge/README publishes it) and as the build leaves it (framework-dependent).
var (rss, own) = await GatewayResidentMegabytesAsync(await PublishNativeAsync(), port, seconds);
var nativeReports = Interlocked.Exchange(ref published, 0);
var (jitRss, jitOwn) = await GatewayResidentMegabytesAsync(Path.Combine(AppContext.BaseDirectory, "citybrain-edge"), port, seconds);
await broker.StopAsync();

BenchReport.Write("Gateway outbox and memory", [
    ("reports of 12 readings, written each way", reports.ToString("N0", CultureInfo.InvariantCulture)),
    ("outbox write, each report committed with full sync", $"{written:N0} reports/s = {written * 12:N0} readings/s (target ≥ 20,000 readings/s)"),
    ($"outbox write, {Writers} writers sharing commits", $"{writtenTogether:N0} reports/s = {writtenTogether * 12:N0} readings/s"),
    ("outbox drain of both to a local broker, 32 in flight", $"{drained:N0} reports/s = {drained * 12:N0} readings/s"),
    ($"citybrain-edge published with Native AOT: resident memory, every sensor type emulated, reading and publishing every second for {seconds} s (peak)",
        $"{rss:F1} MB RSS (target < 40 MB), of which {own:F1} MB its own (USS); {nativeReports} reports received from it"),
    ("the same, framework-dependent build (JIT)", $"{jitRss:F1} MB RSS, of which {jitOwn:F1} MB its own and the rest the runtime's mapped images"),
]);
return 0;

// The gateway published with Native AOT for this machine, as edge/README publishes it for a Pi.
static async Task<string> PublishNativeAsync()
{
    var project = Path.Combine(BenchReport.RepositoryRoot() ?? throw new InvalidOperationException("run the bench from the repository"), "edge", "CityBrain.Edge");
    var output = Directory.CreateTempSubdirectory("citybrain-edge-aot-").FullName;
    using var publish = Process.Start(new ProcessStartInfo("dotnet",
        ["publish", project, "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier, "-p:PublishAot=true", "-o", output])
    {
        RedirectStandardOutput = true,
    })!;
    var log = await publish.StandardOutput.ReadToEndAsync();
    await publish.WaitForExitAsync();
    if (publish.ExitCode != 0) throw new InvalidOperationException($"dotnet publish -p:PublishAot=true failed:\n{log}");
    return Path.Combine(output, "citybrain-edge");
}

// The real gateway as its own process (every sensor type on emulated chips, 1 s reports), so its memory is not mixed
// with this one's.
static async Task<(double Resident, double Own)> GatewayResidentMegabytesAsync(string edge, int port, int seconds)
{
    var data = Directory.CreateTempSubdirectory("citybrain-gw-rss-").FullName;
    var config = Path.Combine(data, "gateway.json");
    await File.WriteAllTextAsync(config, $$"""
        { "Gateway": { "DeviceId": "gw-rss", "District": "haidian", "DataDirectory": "{{data}}",
          "ReportInterval": "00:00:01", "SampleInterval": "00:00:00.250",
          "Broker": { "Host": "127.0.0.1", "Port": {{port}}, "Password": "x" },
          "Sensors": [
            { "Type": "sht4x", "Emulated": true }, { "Type": "sht3x", "Address": 69, "Emulated": true },
            { "Type": "bme280", "Emulated": true }, { "Type": "scd4x", "Emulated": true }, { "Type": "bh1750", "Emulated": true },
            { "Type": "ads1115-noise", "Address": 74, "Emulated": true },
            { "Type": "ads1115-gas", "Emulated": true, "Gas": { "Cells": [
              { "Gas": "No2", "WorkingChannel": 0, "AuxiliaryChannel": 1, "WorkingZeroMillivolts": 295, "AuxiliaryZeroMillivolts": 282, "SensitivityMillivoltsPerPpb": -0.31 },
              { "Gas": "O3", "WorkingChannel": 2, "AuxiliaryChannel": 3, "WorkingZeroMillivolts": 410, "AuxiliaryZeroMillivolts": 398, "SensitivityMillivoltsPerPpb": -0.39, "No2SensitivityMillivoltsPerPpb": -0.33 },
              { "Gas": "Co", "Address": 73, "WorkingChannel": 0, "AuxiliaryChannel": 1, "WorkingZeroMillivolts": 270, "AuxiliaryZeroMillivolts": 262, "SensitivityMillivoltsPerPpb": 0.43 } ] } },
            { "Type": "sds011", "Port": "/dev/ttyUSB0", "Emulated": true }, { "Type": "mhz19b", "Port": "/dev/ttyAMA0", "Emulated": true } ] } }
        """);
    var start = new ProcessStartInfo(edge, ["run", "--config", config, "--Logging:LogLevel:Default=Warning"])
    {
        RedirectStandardOutput = true, RedirectStandardError = true,
    };
    using var process = Process.Start(start)!;
    var (peak, own) = (0.0, 0.0);
    var id = process.Id.ToString(CultureInfo.InvariantCulture);
    for (var s = 0; s < seconds; s++)
    {
        await Task.Delay(1000);
        if (process.HasExited) throw new InvalidOperationException($"citybrain-edge exited: {await process.StandardError.ReadToEndAsync()}");
        peak = Math.Max(peak, BenchReport.ResidentMegabytes(id));
        own = Math.Max(own, BenchReport.PrivateMegabytes(id));
    }
    process.Kill();
    await process.WaitForExitAsync();
    return (peak, own);
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
