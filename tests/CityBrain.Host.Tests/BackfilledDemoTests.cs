using System.Globalization;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using CityBrain.Regions;
using CityBrain.Testing;
using NetTopologySuite.Geometries;
using static CityBrain.Testing.RegionJson;

namespace CityBrain.Host.Tests;

/// <summary>The demo as <c>./citybrain.sh run</c> starts it (its own process, its defaults: 30 days of history and an
/// episode under way), with a small fleet: within minutes of start the root region's trends, validity, ranking changes
/// and alerts have content. Every wait is bounded in minutes, for a loaded two-core CI machine.</summary>
public sealed class BackfilledDemoTests(BackfilledDemoTests.Demo demo) : IClassFixture<BackfilledDemoTests.Demo>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_last_24_hours_have_an_hourly_aqi_trend()
    {
        var root = await demo.RootAsync();
        var now = DateTimeOffset.UtcNow;
        var points = await demo.UntilAsync($"/api/regions/{root}/history?metric=aqi&from={At(now.AddHours(-24))}&to={At(now)}&step=hour",
            h => Values(h) >= 20, "20 of the last 24 hours with an AQI");
        Assert.True(Values(points) >= 20);
    }

    [Fact]
    public async Task The_last_30_days_have_a_daily_aqi_trend()
    {
        var root = await demo.RootAsync();
        var now = DateTimeOffset.UtcNow;
        var points = await demo.UntilAsync($"/api/regions/{root}/history?metric=aqi&from={At(now.AddDays(-30))}&to={At(now)}&step=day",
            h => Values(h) >= 28, "28 of the last 30 days with a daily AQI");
        Assert.True(Values(points) >= 28);
    }

    [Fact]
    public async Task The_validity_rate_is_present()
    {
        var root = await demo.RootAsync();
        // The rate covers the last day: its first hours may be in before the rest.
        var region = await demo.UntilAsync($"/api/regions/{root}",
            r => r.GetProperty("validity").GetProperty("rate") is { ValueKind: JsonValueKind.Number } rate && rate.GetDouble() >= 0.5,
            "a validity rate of at least 50 %");
        Assert.InRange(region.GetProperty("validity").GetProperty("rate").GetDouble(), 0.5, 1);
        Assert.True(region.GetProperty("validity").GetProperty("expectedHours").GetInt32() > 0);
    }

    [Fact]
    public async Task The_ranking_has_changes_against_the_previous_hour_and_day()
    {
        var root = await demo.RootAsync();
        var ranking = await demo.UntilAsync($"/api/rankings?region={root}&metric=aqi",
            r => r.GetProperty("children").EnumerateArray().Any(d => HasValue(d, "previousHour") && HasValue(d, "previousDay")),
            "a ranked child with values an hour and a day before");
        Assert.Contains(ranking.GetProperty("children").EnumerateArray(), d => HasValue(d, "previousHour") && HasValue(d, "previousDay"));
    }

    [Fact]
    public async Task Every_simulated_gateway_announces_a_site_inside_its_district_of_the_province()
    {
        var root = await demo.RootAsync();
        await demo.UntilAsync($"/api/regions/{root}", r => r.GetProperty("devicesRegistered").GetInt32() == 12, "the twelve gateways registered");
        var regions = RegionFile.Load(Path.Combine(AppContext.BaseDirectory, "regions", "demo-province.json"));
        var placed = 0;
        foreach (var leaf in regions.Tree.Leaves)
        {
            var district = await demo.UntilAsync($"/api/regions/{leaf.Id}",
                r => r.GetProperty("devices").EnumerateArray().All(d => d.TryGetProperty("site", out _)), $"the sites of {leaf.Id}'s gateways");
            foreach (var device in district.GetProperty("devices").EnumerateArray())
            {
                var site = device.GetProperty("site");
                Assert.StartsWith(leaf.NameZh, site.GetProperty("name").GetString());
                var at = new Point(site.GetProperty("longitude").GetDouble(), site.GetProperty("latitude").GetDouble());
                Assert.True(regions.Boundaries.TryGet(leaf.Id, out var outline) && outline.Contains(at), $"{device.GetProperty("id")} at {at} inside {leaf.Id}");
                placed++;
            }
        }
        Assert.Equal(12, placed);
    }

    [Fact]
    public async Task The_episode_under_way_raises_an_alert()
    {
        var root = await demo.RootAsync();
        var alerts = await demo.UntilAsync($"/api/alerts?region={root}", a => a.GetArrayLength() > 0, "an alert");
        Assert.True(alerts.GetArrayLength() > 0);
    }

    [Fact]
    public async Task The_episode_under_way_is_one_case_per_city_not_one_per_district()
    {
        var root = await demo.RootAsync();
        var cases = await demo.UntilAsync($"/api/cases?region={root}&kind=air", c => c.GetArrayLength() > 0, "an open air pollution case");
        var cityOf = new Dictionary<string, string>();
        foreach (var city in (await demo.GetAsync("/api/regions")).GetProperty("root").GetProperty("children").EnumerateArray())
        {
            foreach (var district in city.GetProperty("children").EnumerateArray()) cityOf[district.GetProperty("id").GetString()!] = city.GetProperty("id").GetString()!;
        }

        var citiesOfCases = cases.EnumerateArray()
            .Select(c => c.GetProperty("districts").EnumerateArray().Select(d => cityOf[d.GetProperty("id").GetString()!]).Distinct().ToList())
            .ToList();

        Assert.All(citiesOfCases, cities => Assert.Single(cities));
        Assert.Equal(citiesOfCases.Count, citiesOfCases.Select(c => c[0]).Distinct().Count());
        var trail = await demo.GetAsync($"/api/cases/{cases[0].GetProperty("id").GetInt64()}");
        Assert.Equal(("raised", "data"), (trail.GetProperty("trail")[0].GetProperty("action").GetString(), trail.GetProperty("trail")[0].GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task The_years_figures_count_the_daily_values_the_history_api_gives()
    {
        var root = await demo.RootAsync();
        // Days keep closing while the history arrives: the figures and the history are read together until they agree.
        var (figures, days) = await RunningHost.EventuallyAsync(async () =>
        {
            var figures = await demo.GetAsync($"/api/regions/{root}/figures");
            var yearToDate = figures.GetProperty("yearToDate");
            var zone = await demo.ZoneAsync();
            var range = $"from={At(Midnight(Day(yearToDate, "from"), zone))}&to={At(Midnight(Day(yearToDate, "to").AddDays(1), zone))}";
            var aqi = await demo.GetAsync($"/api/regions/{root}/history?metric=aqi&step=day&{range}");
            var pm25 = await demo.GetAsync($"/api/regions/{root}/history?metric=pm2_5&step=day&{range}");
            return (figures, Days: (Aqi: Numbers(aqi), Pm25: Numbers(pm25)));
        }, seen => seen.Days.Aqi.Count >= 28 && seen.figures.GetProperty("yearToDate").GetProperty("validDays").GetInt32() == seen.Days.Aqi.Count,
            "the figures of 28 days or more, counted as the history gives them", Patience);

        var year = figures.GetProperty("yearToDate");
        Assert.Equal(days.Aqi.Count, year.GetProperty("validDays").GetInt32());
        Assert.Equal(days.Aqi.Count(a => a <= 100), year.GetProperty("goodDays").GetInt32());
        Assert.Equal(days.Aqi.Count(a => a > 200), year.GetProperty("heavyPollutionDays").GetInt32());
        Assert.Equal((double)days.Aqi.Count(a => a <= 100) / days.Aqi.Count, year.GetProperty("goodDayShare").GetDouble(), 6);
        Assert.Equal(days.Pm25.Average(), year.GetProperty("pm25Mean").GetDouble(), 1);
        Assert.Equal(35, figures.GetProperty("pm25Target").GetDouble());
        Assert.Equal(year.GetProperty("pm25Mean").GetDouble() / 35 - 1, figures.GetProperty("pm25AgainstTarget").GetDouble(), 6);
        // The demo's history is 30 days long: there is nothing a year before to compare with, and the figures say so.
        Assert.Equal(JsonValueKind.Null, figures.GetProperty("pm25YearOnYear").ValueKind);
    }

    private static List<double> Numbers(JsonElement history) =>
        [.. history.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value")).Where(v => v.ValueKind == JsonValueKind.Number).Select(v => v.GetDouble())];

    private static DateOnly Day(JsonElement span, string name) => DateOnly.Parse(span.GetProperty(name).GetString()!, CultureInfo.InvariantCulture);

    /// <summary>The instant a local day starts in the tree's zone.</summary>
    private static DateTimeOffset Midnight(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The demo's own executable in a process of its own, with twelve simulated gateways and the demo's own
    /// timing (hours close as they do for a user of the demo).</summary>
    public sealed class Demo : IAsyncLifetime
    {
        private DemoProcess? _process;
        private string? _root;

        public async Task InitializeAsync()
        {
            var configuration = typeof(Demo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var assembly = DemoProcess.AssemblyPath(configuration);
            if (!File.Exists(assembly)) throw new InvalidOperationException($"the demo's build output {assembly} is missing; build CityBrain.sln -c {configuration} first");
            _process = DemoProcess.Start(assembly, 12);
            await RunningHost.EventuallyAsync(_process.TrySignInAsync, ok => ok, "the demo to serve its API", TimeSpan.FromMinutes(3));
        }

        public async Task<string> RootAsync()
        {
            var tree = await UntilAsync("/api/regions", t => t.TryGetProperty("root", out _), "the region tree");
            return _root ??= tree.GetProperty("root").GetProperty("id").GetString()!;
        }

        public Task<JsonElement> GetAsync(string path) => _process!.Http.GetFromJsonAsync<JsonElement>(path);

        public async Task<TimeZoneInfo> ZoneAsync() =>
            TimeZoneInfo.FindSystemTimeZoneById((await UntilAsync("/api/regions", t => t.TryGetProperty("timeZone", out _), "the region tree")).GetProperty("timeZone").GetString()!);

        public Task<JsonElement> UntilAsync(string path, Func<JsonElement, bool> condition, string what) =>
            RunningHost.EventuallyAsync(() => GetAsync(path), condition, $"{what} at {path}", Patience);

        public async Task DisposeAsync()
        {
            if (_process is not null) await _process.DisposeAsync();
        }
    }
}
