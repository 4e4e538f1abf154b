using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using CityBrain.Bench.Reporting;
using CityBrain.Testing;

namespace CityBrain.Bench.Cluster;

/// <summary>What one open cockpit page costs the network: the bytes of its live stream per minute on the live demo (no
/// backfill), for the root region and its first child, against what sending the whole region on every change would
/// cost (the size of each update's whole region, added up).</summary>
internal static class StreamBytesBenchmark
{
    public static async Task<int> RunAsync(Options o)
    {
        var gateways = o.Int("gateways", 120);
        var seconds = o.Int("seconds", 60);
        var assembly = DemoProcess.AssemblyPath("Release");
        if (!File.Exists(assembly))
        {
            Console.Error.WriteLine($"The demo's Release build {assembly} is missing; build it with `dotnet build simulators/CityBrain.Simulators.Demo -c Release`.");
            return 1;
        }
        await using var demo = DemoProcess.Start(assembly, gateways, "--backfill-days", "0");
        await RunningHost.EventuallyAsync(demo.TrySignInAsync, ok => ok, "the demo to serve its API", TimeSpan.FromMinutes(3));
        var root = (await demo.Http.GetFromJsonAsync<JsonElement>("/api/regions")).GetProperty("root");
        // The gateways' first reports arrive within a minute or two of their connecting: measured once nine in ten have
        // a PM2.5 value in, as on a screen that has been open a while.
        await RunningHost.EventuallyAsync(() => demo.Http.GetFromJsonAsync<JsonElement>($"/api/regions/{root.GetProperty("id").GetString()}"),
            r => r.GetProperty("latest").TryGetProperty("pm2_5", out var pm25) && pm25.GetProperty("devices").GetInt32() >= gateways * 9 / 10,
            "nine in ten gateways' readings", TimeSpan.FromMinutes(5));

        var places = new[] { root, root.GetProperty("children")[0] }.Select(p => p.GetProperty("id").GetString()!).ToList();
        var measured = await Task.WhenAll(places.Select(place => MeasureAsync(demo.Http, place, TimeSpan.FromSeconds(seconds))));

        var perMinute = 60.0 / seconds;
        BenchReport.Write("Cockpit stream bytes", [
            .. measured.SelectMany(m => new[]
            {
                ($"{m.Place}: stream, bytes per minute", FormattableString.Invariant($"{m.Bytes * perMinute / 1024:N1} KiB ({m.Updates * perMinute:N0} updates)")),
                ($"{m.Place}: whole region on every update, bytes per minute", FormattableString.Invariant($"{m.WholeBytes * perMinute / 1024:N1} KiB (whole region {m.WholeBytes / Math.Max(1, m.Updates) / 1024.0:N1} KiB)")),
                ($"{m.Place}: per open page and day", FormattableString.Invariant($"{m.Bytes * perMinute * 60 * 24 / (1024 * 1024):N0} MiB instead of {m.WholeBytes * perMinute * 60 * 24 / (1024 * 1024):N0} MiB")),
            }),
            ("command", $"`dotnet run -c Release --project bench/CityBrain.Bench.Cluster -- stream --gateways {gateways} --seconds {seconds}`"),
        ], $"The demo's Release build with {gateways} live gateways and no history; each stream read for {seconds} s as the page reads it "
           + "(the whole region on connect, then patches applied), counting the bytes of the events as written (event, id and data lines), heartbeats included.");
        return 0;
    }

    /// <summary>The host writes JSON with the relaxed encoder (Chinese names and '+' of offsets as they are).</summary>
    private static readonly JsonSerializerOptions AsTheHostWrites = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private sealed record Measured(string Place, long Bytes, int Updates, long WholeBytes);

    private static async Task<Measured> MeasureAsync(HttpClient http, string place, TimeSpan duration)
    {
        await using var stream = await RegionStreamClient.OpenAsync(http, place);
        await stream.NextAsync();
        var connected = stream.Bytes;
        var clock = Stopwatch.StartNew();
        long whole = 0;
        var updates = 0;
        while (clock.Elapsed < duration)
        {
            var region = await stream.NextAsync(TimeSpan.FromMinutes(1));
            whole += JsonSerializer.SerializeToUtf8Bytes(region, AsTheHostWrites).Length;
            updates++;
        }
        return new Measured(place, stream.Bytes - connected, updates, whole);
    }
}
