using System.Globalization;
using CityBrain.Bench.Abuse;
using CityBrain.Bench.Reporting;
using CityBrain.Host.Hosting;
using CityBrain.Testing;

// dotnet run -c Release --project bench/CityBrain.Bench.Abuse [-- --option value ...]
AbuseOptions options;
try
{
    options = AbuseOptions.Parse(args);
}
catch (Exception ex) when (ex is ArgumentException or FormatException)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(AbuseOptions.Usage);
    return 2;
}

var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
// Anonymous viewing on: the stream storm then meets the per-address stream limit, as a public wall-screen host would,
// rather than being refused at sign-in.
await using var host = HostProcess.Create(null, "--Logging:LogLevel:Default=Warning", "--Auth:AnonymousViewing=true");
// Provisioned devices for the storm to guess passwords of; the legitimate gateway is one of them.
var realIds = Enumerable.Range(0, 20).Select(i => $"real-{i:00}").ToList();
var passwords = new Dictionary<string, string>();
foreach (var id in realIds)
{
    var output = new StringWriter();
    if (await CredentialsCommand.RunAsync(["credentials", "add", id, "--district", "haidian", "--data", host.DataDirectory], output, Console.Error) != 0) return 1;
    passwords[id] = output.ToString().Split("password ")[1].Split(Environment.NewLine)[0];
}
await host.StartAsync();
var memory = new ResidentMemory(host.ProcessId!.Value);
var legitimate = realIds[0];
var device = new TestDevice(host.MqttPort, "haidian", legitimate, HostProcess.FleetSecret);
if ((await device.ConnectAsync(passwords[legitimate])).ResultCode != MQTTnet.MqttClientConnectResultCode.Success) return 1;
await using var gateway = new LegitimateGateway(device, options.PublishEvery);
gateway.Start();
Console.WriteLine($"host pid {host.ProcessId}, {memory.Now():F0} MB resident; {legitimate} publishes QoS 1 every {options.PublishEvery.TotalMilliseconds:F0} ms");

var figures = new List<(string Name, string Value)>();
var latencies = new Dictionary<string, IReadOnlyList<double>>();
var resident = new Dictionary<string, (double Before, double Peak, double After)>();

async Task PhaseAsync(string name, Func<Task<string>> attack)
{
    Console.WriteLine($"{DateTime.UtcNow:HH:mm:ss} {name} ...");
    var before = memory.Now();
    var from = LegitimateGateway.Now;
    var (summary, peak) = await memory.PeakDuringAsync(attack);
    var (during, failures) = gateway.Between(from, LegitimateGateway.Now);
    await Task.Delay(options.Settle);
    var after = memory.Now();
    latencies[name] = during;
    resident[name] = (before, peak, after);
    figures.Add(($"{name}: publish latency p50 / p99 / max", Invariant(
        $"{Percentile(during, 50):F1} / {Percentile(during, 99):F1} / {(during.Count > 0 ? during.Max() : double.NaN):F1} ms ({during.Count} PUBACKs, {failures} failed)")));
    figures.Add(($"{name}: host resident memory before / peak / after {options.Settle.TotalSeconds:F0} s", Invariant($"{before:F0} / {peak:F0} / {after:F0} MB")));
    if (summary.Length > 0) figures.Add(($"{name}: attack", summary));
    Console.WriteLine($"  {figures[^2].Value}; {figures[^1].Value}");
}

await PhaseAsync("baseline", async () =>
{
    await Task.Delay(options.Baseline);
    return "";
});
await PhaseAsync("wrong-password storm", () => WrongPasswordStorm.RunAsync(options, host.MqttPort, realIds));
await PhaseAsync("connection storm", () => ConnectionStorm.RunAsync(options, host.MqttPort));
await PhaseAsync("oversized-packet storm", () => OversizedStorm.RunAsync(options, host.MqttPort));
await PhaseAsync("SSE storm", () => StreamStorm.RunAsync(options, new Uri($"http://127.0.0.1:{host.HttpPort}")));

var storm = Percentile(latencies["wrong-password storm"], 99);
var oversized = resident["oversized-packet storm"];
var growth = (oversized.After - oversized.Before) / oversized.Before * 100;
figures.Add(("goal: p99 < 100 ms during the wrong-password storm", Invariant($"{(storm < 100 ? "met" : "MISSED")} ({storm:F1} ms)")));
// A host that gives back more than it took meets the goal too: what matters is that the attack leaves nothing behind.
figures.Add(("goal: resident memory back within 10 % after the oversized storm", Invariant($"{(growth <= 10 ? "met" : "MISSED")} ({growth:+0.0;-0.0} %)")));
var loadAfter = File.ReadAllText("/proc/loadavg").Trim();
BenchReport.Write("Broker and live stream under abuse (CityBrain.Bench.Abuse)", figures,
    $"Host: the production host as a separate process with its default limits (SQLite, embedded broker); attackers on " +
    $"{options.Sources} loopback addresses (127.0.0.2+), the gateway on 127.0.0.1. Load average (1/5/15 min, runnable/total) " +
    $"before: {loadBefore}; after: {loadAfter}.");
host.DeleteDataOnDispose = true;
return 0;

static double Percentile(IReadOnlyList<double> values, double p)
{
    if (values.Count == 0) return double.NaN;
    var sorted = values.Order().ToList();
    return sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
}

static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
