using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using CityBrain.Bench.Reporting;
using CityBrain.Simulators.Demo;
using CityBrain.Testing;
using static CityBrain.Testing.RegionJson;

namespace CityBrain.Bench.Cluster;

/// <summary>A state of the cockpit the demo reaches on its first start, and how the API shows it.</summary>
internal sealed record Milestone(string Name, Func<Task<bool>> ReachedAsync);

/// <summary>When each milestone was first seen, since the demo's process started; null if it was not within the timeout.</summary>
internal sealed record MilestoneTime(Milestone Milestone, TimeSpan? Elapsed);

/// <summary>How fast the demo fills with history on its first start: its Release build in a process of its own, as
/// <c>./citybrain.sh run</c> starts it (its own hour and area close delays), polled through the API every second.</summary>
internal static class BackfillBenchmark
{
    private static readonly TimeSpan PollPeriod = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(Options o)
    {
        var gateways = o.Int("gateways", 120);
        var days = o.Int("days", DemoDefaults.BackfillDays);
        var timeoutMinutes = o.Int("timeout-minutes", 20);
        var assembly = DemoProcess.AssemblyPath("Release");
        if (!File.Exists(assembly))
        {
            Console.Error.WriteLine($"The demo's Release build {assembly} is missing; build it with `dotnet build simulators/CityBrain.Simulators.Demo -c Release`.");
            return 1;
        }
        // Every gateway sends the part of the current hour before its first live window and each hour before it.
        var historyReports = (long)gateways * (days * 24 + 1);
        var timeout = TimeSpan.FromMinutes(timeoutMinutes);
        var loadBefore = Benchmarks.LoadAverage();

        var clock = Stopwatch.StartNew();
        await using var demo = DemoProcess.Start(assembly, gateways, "--backfill-days", days.ToString(CultureInfo.InvariantCulture));
        var signedIn = new Milestone("API answers (signed in)", demo.TrySignInAsync);
        var times = await PollAsync(demo, [signedIn], clock, timeout);
        if (times is not null && times[0].Elapsed is not null)
        {
            var tree = await demo.Http.GetFromJsonAsync<JsonElement>("/api/regions");
            var root = tree.GetProperty("root");
            var later = await PollAsync(demo, Milestones(demo.Http, root, historyReports), clock, timeout);
            times = later is null ? null : [.. times, .. later];
        }
        var loadAfter = Benchmarks.LoadAverage();
        if (times is null)
        {
            Console.Error.WriteLine($"The demo exited with {demo.ExitCode}; the end of its log ({demo.LogPath}):");
            foreach (var line in File.ReadLines(demo.LogPath).TakeLast(30)) Console.Error.WriteLine(line);
            return 1;
        }

        var answers = times[0].Elapsed;
        var acknowledged = times[^1].Elapsed;
        BenchReport.Write("Demo backfill", [
            .. times.Select((t, i) => ($"{i + 1}. {t.Milestone.Name}", t.Elapsed is { } e ? FormattableString.Invariant($"{e.TotalSeconds:F0} s") : $"not within {timeoutMinutes} min")),
            ("history", FormattableString.Invariant($"{gateways} gateways × ({days} days × 24 + 1) = {historyReports:N0} reports")),
            ("history reports/s (÷ time of 8. minus time of 1.)", answers is { } a && acknowledged is { } h
                ? FormattableString.Invariant($"{historyReports / (h - a).TotalSeconds:N0} reports/s") : "-"),
            ("command", $"`dotnet run -c Release --project bench/CityBrain.Bench.Cluster -- backfill --gateways {gateways} --days {days} --timeout-minutes {timeoutMinutes}`"),
            ("machine load average (1 min) before start / at the end", $"{loadBefore} / {loadAfter}"),
        ], "The demo's Release build in a process of its own on a fresh data directory, as ./citybrain.sh run starts it "
           + "(--simulate N --backfill-days N, its default hour and area close delays, daily open data off); times since the "
           + "process started, each the end of the first poll (one a second, the cluster bench waiting in between) that saw it.");
        return 0;
    }

    /// <summary>What the cockpit shows of the root region and its cities, from the last day, which the demo sends first, to the whole month.</summary>
    private static IReadOnlyList<Milestone> Milestones(HttpClient http, JsonElement root, long historyReports)
    {
        var rootId = root.GetProperty("id").GetString()!;
        var cities = root.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("id").GetString()!).ToList();
        return
        [
            new("root: hourly AQI for ≥ 20 of the last 24 hours", async () => await HourlyAqiAsync(http, rootId) >= 20),
            new("root: validity rate", async () =>
                (await http.GetFromJsonAsync<JsonElement>($"/api/regions/{rootId}")).GetProperty("validity").GetProperty("rate").ValueKind == JsonValueKind.Number),
            new("ranking: a child with AQI an hour and a day before", async () =>
                (await http.GetFromJsonAsync<JsonElement>($"/api/rankings?region={rootId}&metric=aqi")).GetProperty("children").EnumerateArray()
                    .Any(c => HasValue(c, "previousHour") && HasValue(c, "previousDay"))),
            new("root: an alert", async () => (await http.GetFromJsonAsync<JsonElement>($"/api/alerts?region={rootId}")).GetArrayLength() > 0),
            new($"every city ({cities.Count}): hourly AQI for ≥ 20 of the last 24 hours", async () =>
            {
                foreach (var city in cities)
                {
                    if (await HourlyAqiAsync(http, city) < 20) return false;
                }
                return true;
            }),
            new("root: daily AQI for ≥ 28 of the last 30 days", async () =>
            {
                var now = DateTimeOffset.UtcNow;
                return Values(await http.GetFromJsonAsync<JsonElement>($"/api/regions/{rootId}/history?metric=aqi&from={At(now.AddDays(-30))}&to={At(now)}&step=day")) >= 28;
            }),
            // Live reports count too, so the history is in once the count reaches its size.
            new(FormattableString.Invariant($"whole history acknowledged (accepted ≥ {historyReports:N0})"), async () =>
                (await http.GetFromJsonAsync<JsonElement>("/api/ops/ingest")).GetProperty("accepted").GetInt64() >= historyReports),
        ];
    }

    private static async Task<int> HourlyAqiAsync(HttpClient http, string region)
    {
        var now = DateTimeOffset.UtcNow;
        return Values(await http.GetFromJsonAsync<JsonElement>($"/api/regions/{region}/history?metric=aqi&from={At(now.AddHours(-24))}&to={At(now)}&step=hour"));
    }

    /// <summary>Polls every pending milestone once a period until all are reached or the timeout since the start has
    /// passed, printing each as it is first seen; null if the demo exited.</summary>
    private static async Task<IReadOnlyList<MilestoneTime>?> PollAsync(DemoProcess demo, IReadOnlyList<Milestone> milestones, Stopwatch clock, TimeSpan timeout)
    {
        var reached = new Dictionary<Milestone, TimeSpan>();
        while (reached.Count < milestones.Count && clock.Elapsed < timeout)
        {
            if (demo.HasExited) return null;
            var round = clock.Elapsed;
            foreach (var milestone in milestones.Where(m => !reached.ContainsKey(m)))
            {
                if (!await ReachedAsync(milestone)) continue;
                reached[milestone] = clock.Elapsed;
                Console.WriteLine(FormattableString.Invariant($"{clock.Elapsed.TotalSeconds,7:F1} s  {milestone.Name}"));
            }
            var rest = PollPeriod - (clock.Elapsed - round);
            if (rest > TimeSpan.Zero) await Task.Delay(rest);
        }
        return [.. milestones.Select(m => new MilestoneTime(m, reached.TryGetValue(m, out var t) ? t : null))];
    }

    /// <summary>An answer not there yet (the host starting, a region without the property, a request timed out under
    /// load) is a milestone not reached yet.</summary>
    private static async Task<bool> ReachedAsync(Milestone milestone)
    {
        try
        {
            return await milestone.ReachedAsync();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return false;
        }
    }
}
