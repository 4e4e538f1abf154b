using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CityBrain.Bench.Cluster;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Ingest.Broker;
using Microsoft.Extensions.DependencyInjection;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

// dotnet run -c Release --project bench/CityBrain.Bench.Cluster -- ingest|latency|scale|stages|activation|replay|journal|backfill|stream [--option value ...]
var command = args.FirstOrDefault() ?? "ingest";
var options = Options.Parse(args.Skip(1));
switch (command)
{
    case "ingest": await Benchmarks.IngestAsync(options); break;
    case "latency": await Benchmarks.LatencyAsync(options); break;
    case "scale": await Benchmarks.ScaleAsync(options); break;
    case "stages": await Benchmarks.StagesAsync(options); break;
    case "activation": await ReplayBenchmarks.ActivationAsync(options); break;
    case "replay": await ReplayBenchmarks.ReplayAsync(options); break;
    case "journal": await JournalBenchmarks.JournalAsync(options); break;
    case "backfill": return await BackfillBenchmark.RunAsync(options);
    case "stream": return await StreamBytesBenchmark.RunAsync(options);
    default:
        Console.Error.WriteLine("usage: CityBrain.Bench.Cluster ingest|latency|scale|stages [--devices N] [--messages N] [--connections N] [--inflight N] [--rate N] [--seconds N]");
        Console.Error.WriteLine("       CityBrain.Bench.Cluster activation [--entries 100,1000,10000] [--repeat 3]");
        Console.Error.WriteLine("       CityBrain.Bench.Cluster replay [--devices 500] [--reports 120] [--repeat 3]");
        Console.Error.WriteLine("       CityBrain.Bench.Cluster journal [--entries 60000] [--appenders 256] [--devices 3000] [--warmup 10000] [--repeat 3]");
        Console.Error.WriteLine("       CityBrain.Bench.Cluster backfill [--gateways 120] [--days 30] [--timeout-minutes 20]");
        Console.Error.WriteLine("       CityBrain.Bench.Cluster stream [--gateways 120] [--seconds 60]");
        return 2;
}
return 0;

internal sealed record Options(IReadOnlyDictionary<string, string> Values)
{
    public static Options Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < list.Count; i += 2) values[list[i].TrimStart('-')] = list[i + 1];
        return new Options(values);
    }

    public int Int(string name, int fallback) => Values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>A comma-separated list, e.g. <c>--entries 100,1000,10000</c>.</summary>
    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) => Values.TryGetValue(name, out var v)
        ? [.. v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture))]
        : fallback;
}

internal static class Benchmarks
{
    /// <summary>Messages/s from publish to PUBACK through the full ingest (grain + journal commit), against the same
    /// broker configuration forwarding the same load to one subscriber that only counts.</summary>
    public static async Task IngestAsync(Options o)
    {
        // Defaults as a fleet loads the host: one connection per gateway, a few reports in flight each. The message
        // count stays inside the broker's queue for the counting subscriber, which falls behind while publishers run.
        var messages = o.Int("messages", 60_000);
        var devices = o.Int("devices", 3_000);
        var connections = o.Int("connections", 1_000);
        var inFlight = o.Int("inflight", 2);
        // Both sides are measured warm, as a host that has been running: otherwise the tiered JIT's background
        // recompilation takes a tenth of the two cores during the measurement.
        var warmUp = o.Int("warmup", 20_000);

        var (baseline, dropped) = await BaselineAsync(messages, warmUp, devices, connections, inFlight);
        Console.WriteLine($"baseline (broker to counting subscriber): {baseline:N0} msg/s, {dropped:N0} dropped by the broker");

        await using var host = await BenchHost.StartAsync(TimeSpan.FromSeconds(5));
        var load = new LoadGenerator(host.MqttPort, Districts(host), devices, connections, inFlight);
        await load.RunAsync(devices + warmUp, null, CancellationToken.None);
        var (acknowledged, failed) = (load.Acknowledged, load.Failed);
        var loadBefore = LoadAverage();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        await load.RunAsync(messages, null, CancellationToken.None);
        var ingest = (load.Acknowledged - acknowledged) / Stopwatch.GetElapsedTime(load.StartedAt).TotalSeconds;
        // What the run cost, whoever else shares the machine: the rate falls with other load, the CPU per message less.
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        BenchReport.Write("Ingest through the embedded broker", [
            ("messages (after a warm-up of the same load)", $"{messages:N0} ({warmUp:N0})"),
            ("devices / connections / in flight per connection", $"{devices:N0} / {connections} / {inFlight}"),
            ("ingest (PUBACK after grain + journal commit)", $"{ingest:N0} msg/s, {ingest * 3:N0} readings/s"),
            ("same load to a counting subscriber", $"{baseline:N0} msg/s ({dropped:N0} dropped from its queue by the broker)"),
            ("ratio (target ≥ 0.8)", $"{ingest / baseline:F2}"),
            ("failed publishes", (load.Failed - failed).ToString(CultureInfo.InvariantCulture)),
            ("CPU of this process (host + load generator) in the measured run", $"{cpuUsed.TotalSeconds:F1} core-s = {cpuUsed.TotalMicroseconds / messages:F0} µs/msg"),
            ("machine load average (1 min) before / after the measured run", $"{loadBefore} / {LoadAverage()}"),
        ], "Load generator and host share the machine's cores; each message carries 3 readings. Both rates are timed "
           + "from the first publish, with every connection up, to the last acknowledgement or delivery.");
    }

    /// <summary>Publish-to-visible latency: a probe device alone reports illuminance in one district while background
    /// load runs at a fixed rate; the probe value is visible when <c>/api/city</c> shows it.</summary>
    public static async Task LatencyAsync(Options o)
    {
        var rate = o.Int("rate", 10_000);
        var seconds = o.Int("seconds", 30);
        var devices = o.Int("devices", 10_000);
        var reportPeriod = TimeSpan.FromMilliseconds(o.Int("report-ms", 500));
        await using var host = await BenchHost.StartAsync(reportPeriod);
        var districts = Districts(host);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.HttpPort}") };
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var background = new LoadGenerator(host.MqttPort, districts, devices, o.Int("connections", 100), o.Int("inflight", 8));
        var loadTask = background.RunAsync(long.MaxValue, rate, stop.Token);

        var probe = await LoadGenerator.ConnectAsync(host.MqttPort, "latency-probe", CancellationToken.None);
        var latencies = new List<double>();
        var missed = 0;
        var district = districts[0];
        for (long sequence = 0; !stop.IsCancellationRequested; sequence++)
        {
            var marker = 1000 + sequence;
            var sent = Stopwatch.StartNew();
            try
            {
                await probe.PublishAsync(LoadGenerator.Message(district, "latency-probe", sequence, DateTimeOffset.UtcNow.AddSeconds(-1),
                    Reading.Of(Quantity.Illuminance, marker, Quality.Ok, "probe")), stop.Token);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationTimedOutException or OperationCanceledException)
            {
                // An overloaded host answers too late: that probe counts as missed, not as a latency.
                missed++;
                continue;
            }
            while (!stop.IsCancellationRequested && sent.Elapsed < TimeSpan.FromSeconds(30))
            {
                var city = await http.GetFromJsonAsync<JsonElement>("/api/regions/demo-city");
                var shown = city.GetProperty("districts").EnumerateArray().First(d => d.GetProperty("id").GetString() == district)
                    .GetProperty("latest");
                if (shown.TryGetProperty("illuminance", out var lux) && lux.GetProperty("value").GetDouble() == marker)
                {
                    latencies.Add(sent.Elapsed.TotalMilliseconds);
                    break;
                }
                await Task.Delay(10);
            }
        }
        await loadTask;
        await probe.DisconnectAsync();
        latencies.Sort();
        var achieved = background.Acknowledged / (double)seconds;
        BenchReport.Write("Publish to visible in /api/regions/demo-city", [
            ("offered background load", $"{rate:N0} msg/s over {devices:N0} devices, {o.Int("connections", 100)} connections"),
            ("achieved background load", $"{achieved:N0} msg/s"),
            ("report period device→district→city", $"{reportPeriod.TotalMilliseconds} ms"),
            ("probes seen / missed (publish timed out)", $"{latencies.Count} / {missed}"),
            ("p50", $"{Percentile(latencies, 50):F0} ms"),
            ("p99 (target < 2000 ms at 10,000 msg/s)", $"{Percentile(latencies, 99):F0} ms"),
        ]);
    }

    /// <summary>The cost of each ingest stage alone, in the host's own process: where an ingest shortfall comes from.</summary>
    public static async Task StagesAsync(Options o)
    {
        var n = o.Int("messages", 100_000);
        await using var host = await BenchHost.StartAsync(TimeSpan.FromSeconds(5));
        var grains = host.App.Services.GetRequiredService<IGrainFactory>();
        var journal = host.App.Services.GetRequiredService<CityBrain.Contracts.Journal.IRawJournal>();
        var now = DateTimeOffset.UtcNow;
        var payloads = Enumerable.Range(0, 1000).Select(i => new System.Buffers.ReadOnlySequence<byte>(LoadGenerator.Message("haidian", $"stage-{i}", 0, now.AddMinutes(-1),
            Reading.Of(Quantity.Pm2_5, 20, Quality.Ok, "bench"), Reading.Of(Quantity.Noise, 55, Quality.Ok, "bench"),
            Reading.Of(Quantity.Temperature, 15, Quality.Ok, "bench")).Payload.ToArray())).ToArray();

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++) CityBrain.Contracts.Parsing.WireFormat.ParseTelemetry(payloads[i % payloads.Length], now);
        var parse = n / clock.Elapsed.TotalSeconds;

        var telemetry = CityBrain.Contracts.Parsing.WireFormat.ParseTelemetry(payloads[0], now).Value!;
        var batch = CityBrain.Grains.Devices.TelemetryBatch.From("haidian", telemetry, now, payloads[0].ToArray());
        clock.Restart();
        await Parallel.ForAsync(0, n, new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (i, _) => await grains.GetGrain<CityBrain.Grains.Devices.IDeviceGrain>($"stage-{i % 3000}").Record(batch with { Sequence = i / 3000 }));
        var grain = n / clock.Elapsed.TotalSeconds;

        clock.Restart();
        await Parallel.ForAsync(0, n, new ParallelOptions { MaxDegreeOfParallelism = 256 },
            async (i, _) => await journal.AppendAsync(new CityBrain.Contracts.Journal.JournalEntry($"journal-{i % 3000}", i / 3000, "haidian", now, now, payloads[0].ToArray())));
        var commit = n / clock.Elapsed.TotalSeconds;

        BenchReport.Write("Ingest stages alone", [
            ("parse + validate (one thread)", $"{parse:N0} msg/s"),
            ("device grain Record, journal commit included (256 concurrent)", $"{grain:N0} calls/s"),
            ("journal append, group commit (256 concurrent)", $"{commit:N0} entries/s"),
        ]);
    }

    /// <summary>Resident memory per live device: every device reports once, then the host holds them all.</summary>
    public static async Task ScaleAsync(Options o)
    {
        var devices = o.Int("devices", 100_000);
        await using var host = await BenchHost.StartAsync(TimeSpan.FromSeconds(60));
        var before = SettledResidentMegabytes();
        var load = new LoadGenerator(host.MqttPort, Districts(host), devices, 16, 64);
        var clock = Stopwatch.StartNew();
        await load.RunAsync(devices, null, CancellationToken.None);
        var elapsed = clock.Elapsed;
        var after = SettledResidentMegabytes();
        var perDevice = (after - before) * 1024 / devices;
        BenchReport.Write("Devices live in one host", [
            ("devices", devices.ToString("N0", CultureInfo.InvariantCulture)),
            ("registration rate", $"{devices / elapsed.TotalSeconds:N0} devices/s"),
            ("resident memory before / after", $"{before:N0} MB / {after:N0} MB"),
            ("resident memory per device", $"{perDevice:F1} KB"),
            ("projected for 1,000,000 devices (target < 12 GB)", $"{(before + perDevice * 1_000_000 / 1024) / 1024:F1} GB"),
        ], "One report per minute per device is 16,667 msg/s for a million devices; see the ingest figure for that rate.");
    }

    internal static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private static double SettledResidentMegabytes()
    {
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return BenchReport.ResidentMegabytes();
    }

    private static IReadOnlyList<string> Districts(BenchHost host) =>
        host.App.Services.GetRequiredService<RegionCatalog>().Tree.Leaves.Select(d => d.Id).ToList();

    private static double Percentile(List<double> sorted, double p) =>
        sorted.Count == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];

    /// <summary>The same MQTTnet broker settings as the host's, with no interception: a subscriber counts what arrives.</summary>
    /// <summary>The counting subscriber's rate is what it received over the time until its last message: a broker
    /// that overflows the subscriber's queue drops messages (counted apart), and waiting for them would count the wait.</summary>
    private static async Task<Baseline> BaselineAsync(int messages, int warmUp, int devices, int connections, int inFlight)
    {
        var port = BenchHost.FreePort();
        var broker = new BrokerOptions();
        using var server = new MqttServerFactory().CreateMqttServer(new MqttServerFactory().CreateServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(System.Net.IPAddress.Loopback).WithDefaultEndpointPort(port)
            .WithPersistentSessions().WithMaxPendingMessagesPerClient(broker.MaxPendingMessagesPerClient).Build());
        await server.StartAsync();
        using var subscriber = await LoadGenerator.ConnectAsync(port, "counter", CancellationToken.None);
        long received = 0;
        long lastReceivedAt = 0;
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            Volatile.Write(ref lastReceivedAt, Stopwatch.GetTimestamp());
            return Task.CompletedTask;
        };
        await subscriber.SubscribeAsync("citybrain/v1/+/+/telemetry", MqttQualityOfServiceLevel.AtLeastOnce);
        var load = new LoadGenerator(port, ["d1", "d2", "d3"], devices, connections, inFlight);

        async Task<long> CountAsync(int count)
        {
            Interlocked.Exchange(ref received, 0);
            Volatile.Write(ref lastReceivedAt, Stopwatch.GetTimestamp());
            await load.RunAsync(count, null, CancellationToken.None);
            while (Interlocked.Read(ref received) < count && Stopwatch.GetElapsedTime(Volatile.Read(ref lastReceivedAt)) < TimeSpan.FromSeconds(2))
            {
                await Task.Delay(50);
            }
            return Interlocked.Read(ref received);
        }

        await CountAsync(warmUp);
        var counted = await CountAsync(messages);
        await server.StopAsync();
        return new Baseline(counted / Stopwatch.GetElapsedTime(load.StartedAt, Volatile.Read(ref lastReceivedAt)).TotalSeconds, messages - counted);
    }

    private sealed record Baseline(double Rate, long Dropped);
}
