using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet.Server;

// dotnet run -c Release --project bench/CityBrain.Bench.Gateway [-- --reports 5000 --seconds 30]
// Outbox write and drain rates, and the resident memory of the real gateway process publishing every second.
var reports = Option("--reports", 5_000);
var seconds = Option("--seconds", 30);
var readings = Enumerable.Range(0, 12).Select(i => Reading.Of((Quantity)(i % 13), 10 + i, Quality.Ok, "bench", 9 + i, 11 + i, 12)).ToList();
var data = Directory.CreateTempSubdirectory("citybrain-gw-bench-").FullName;
var outbox = new SqliteOutbox(Path.Combine(data, "outbox.db"), TimeProvider.System);
var window = DateTimeOffset.UtcNow.AddMinutes(-1);

var clock = Stopwatch.StartNew();
for (var i = 0; i < reports; i++)
{
    await outbox.EnqueueAsync(window, s => WireFormat.Serialize(new Telemetry(1, "gw-bench", s, window, 60, readings)));
}
var written = reports / clock.Elapsed.TotalSeconds;

var port = FreePort();
var factory = new MqttServerFactory();
using var broker = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
    .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
await broker.StartAsync();
var options = Options.Create(new GatewayOptions
{
    DeviceId = "gw-bench", District = "haidian", DataDirectory = data,
    Broker = new CityBrain.Edge.Configuration.BrokerOptions { Port = port, Password = "x" },
});
using var link = new MqttLink(options, new LiveSettings(options, NullLogger<LiveSettings>.Instance), TimeProvider.System, NullLogger<MqttLink>.Instance);
using var stop = new CancellationTokenSource();
var supervise = link.SuperviseAsync(stop.Token);
while (!link.IsConnected) await Task.Delay(10);
var pump = new OutboxPump(outbox, link, "citybrain/v1/haidian/gw-bench/telemetry", TimeProvider.System, NullLogger<OutboxPump>.Instance);
clock.Restart();
var draining = pump.RunAsync(stop.Token);
while ((await outbox.BacklogAsync()).Depth > 0) await Task.Delay(20);
var drained = reports / clock.Elapsed.TotalSeconds;
stop.Cancel();
await Task.WhenAll(supervise, draining).ContinueWith(_ => { }, TaskScheduler.Default);

var rss = await GatewayResidentMegabytesAsync(port, seconds);
await broker.StopAsync();

BenchReport.Write("Gateway outbox and memory", [
    ("reports of 12 readings", reports.ToString("N0", CultureInfo.InvariantCulture)),
    ("outbox write, each report committed with full sync", $"{written:N0} reports/s = {written * 12:N0} readings/s (target ≥ 20,000 readings/s)"),
    ("outbox drain to a local broker, 32 in flight", $"{drained:N0} reports/s = {drained * 12:N0} readings/s"),
    ("citybrain-edge resident memory publishing every second for " + seconds + " s", $"{rss:F1} MB (target < 40 MB)"),
]);
return 0;

// The real gateway as its own process (emulated SHT4x, 1 s reports), so its memory is not mixed with this one's.
static async Task<double> GatewayResidentMegabytesAsync(int port, int seconds)
{
    var edge = Path.Combine(AppContext.BaseDirectory, "citybrain-edge");
    var start = new ProcessStartInfo(edge,
    [
        "--Gateway:DeviceId=gw-rss", "--Gateway:District=haidian", $"--Gateway:Broker:Port={port}", "--Gateway:Broker:Password=x",
        $"--Gateway:DataDirectory={Directory.CreateTempSubdirectory("citybrain-gw-rss-").FullName}",
        "--Gateway:ReportInterval=00:00:01", "--Gateway:SampleInterval=00:00:00.250", "--Logging:LogLevel:Default=Warning",
    ]) { RedirectStandardOutput = true, RedirectStandardError = true };
    using var process = Process.Start(start)!;
    var peak = 0.0;
    for (var s = 0; s < seconds; s++)
    {
        await Task.Delay(1000);
        peak = Math.Max(peak, BenchReport.ResidentMegabytes(process.Id.ToString(CultureInfo.InvariantCulture)));
    }
    process.Kill();
    await process.WaitForExitAsync();
    return peak;
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
