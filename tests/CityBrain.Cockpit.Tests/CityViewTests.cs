using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

[Collection(CockpitCollection.Name)]
public class CityViewTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task Every_child_of_the_root_is_on_the_map_in_its_category_colour_or_the_no_data_colour()
    {
        var page = await OpenAsync("/");
        var districts = await DistrictsAsync();
        Assert.NotEmpty(districts);
        var map = page.Locator(".map-chart svg");
        foreach (var district in districts)
        {
            await Expect(map.Locator("text", new() { HasTextString = district.Name })).ToHaveCountAsync(1);
        }

        // The city keeps changing while other tests publish: compare the screen with the API until they agree.
        await RunningHost.EventuallyAsync(async () => (Expected: await DistrictsAsync(), Shown: await ColoursAsync(page)),
            x => x.Expected.All(d => x.Shown.Ranking.GetValueOrDefault(d.Name) == d.Colour
                && x.Shown.Map.Count(c => c == d.Colour) == x.Expected.Count(e => e.Colour == d.Colour)),
            "the map and the ranking in the colours of /api/regions/{root}");
        await Screenshots.SaveAsync(page, "city-view-1920x1080");
    }

    [BrowserFact]
    public async Task The_headline_counts_devices_online_and_shows_units_and_no_invented_indicators()
    {
        await using var device = await Fixture.Host.ConnectDeviceAsync("shunyi", "cockpit-headline-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 35));
        var page = await OpenAsync("/");

        await Expect(page.Locator(".tile[data-quantity=online] .tile-detail")).ToHaveTextAsync(new Regex(@"^[1-9]\d* / [1-9]\d*$"));
        await Expect(page.Locator(".tile[data-quantity=pm2_5] .unit")).ToHaveTextAsync("µg/m³");
        using var city = await RootAsync();
        var validity = page.Locator(".tile[data-quantity=validity] .tile-value");
        // A rate exists only once hours were expected of some device: until then the honest answer is "no data".
        if (city.RootElement.TryGetProperty("validity", out var v) && v.TryGetProperty("rate", out var rate) && rate.ValueKind == JsonValueKind.Number)
        {
            await Expect(validity).ToHaveTextAsync(new Regex(@"\d %$"));
        }
        else await Expect(validity).ToHaveTextAsync("no data");
    }

    [BrowserFact]
    public async Task What_the_keyboard_reaches_shows_a_focus_outline_and_a_ranking_row_opens_with_enter()
    {
        var page = await OpenAsync("/");
        var row = page.Locator(".ranking tbody tr").First;
        await Expect(row).ToBeVisibleAsync();
        const string Outline = "() => getComputedStyle(document.activeElement).outlineStyle";

        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("solid", await page.EvaluateAsync<string>(Outline));
        await row.FocusAsync();
        Assert.Equal("solid", await page.EvaluateAsync<string>(Outline));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Regex("/regions/[^/]+$"));
    }

    [BrowserFact]
    public async Task The_trend_downloads_as_csv_with_a_row_per_hour_and_a_column_per_series()
    {
        var page = await OpenAsync("/");
        await Expect(page.Locator(".row-trend .trend-chart svg")).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".row-trend .csv").ClickAsync());

        Assert.EndsWith("-hour.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("time,AQI,PM2.5 (µg/m³),PM10 (µg/m³),O₃ (µg/m³),NO₂ (µg/m³)", lines[0]);
        Assert.InRange(lines.Length - 1, 24, 25);
        Assert.All(lines.Skip(1), line => Assert.Equal(6, line.Split(',').Length));
    }

    [BrowserFact]
    public async Task A_weeks_trend_marks_the_citys_midnights_though_the_browser_is_in_another_zone()
    {
        // The fixture's browsers run in Europe/Berlin and the city in Asia/Shanghai: ticks at Berlin's midnights would
        // read 07:00 in the city's time, every day.
        var page = await OpenAsync("/");
        await Expect(page.Locator(".row-trend .trend-chart svg")).ToBeVisibleAsync();
        await page.Locator(".row-trend .trend-actions button", new() { HasTextString = "7 days" }).ClickAsync();

        var dates = new Regex(@"^\d{2}/\d{2}$");
        var axis = page.Locator(".row-trend .trend-chart svg text");
        await Expect(axis.Filter(new() { HasTextRegex = dates })).Not.ToHaveCountAsync(0);
        var labels = await axis.AllTextContentsAsync();
        var days = labels.Where(l => dates.IsMatch(l)).ToList();
        Assert.True(days.Count >= 3, $"the axis has {days.Count} day labels: {string.Join(" | ", labels)}");
        var shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, shanghai);
        var week = Enumerable.Range(0, 8).Select(d => today.AddDays(-d).ToString("dd/MM", CultureInfo.InvariantCulture)).ToList();
        Assert.All(days, day => Assert.Contains(day, week));
        Assert.DoesNotContain(labels, label => label.Contains("07:00", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task The_citys_noise_is_its_districts_against_their_own_zones_not_one_level_across_zones()
    {
        using var city = await RootAsync();
        var compliance = city.RootElement.GetProperty("noise").GetProperty("compliance");
        Assert.Equal(12, compliance.GetProperty("districts").GetInt32());

        var page = await OpenAsync("/");
        var panel = page.Locator(".noise-panel .noise.compliance");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(panel.Locator("tbody tr").First).ToContainTextAsync("/ 12");
        await Expect(panel).ToContainTextAsync("GB 3096-2008");
        await Expect(page.Locator(".noise-panel")).Not.ToContainTextAsync("Noise LAeq");
    }

    private sealed record District(string Name, string Colour);

    /// <summary>Each district with the colour the screen must give it: the host's colour for its AQI category, the HJ 633
    /// colour of its AQI value if the host sent none, the no-data grey without an AQI.</summary>
    private async Task<List<District>> DistrictsAsync()
    {
        using var city = await RootAsync();
        return city.RootElement.GetProperty("children").EnumerateArray().Select(d =>
        {
            var colour = "#5B6577";
            if (d.TryGetProperty("aqi", out var aqi) && aqi.ValueKind == JsonValueKind.Object)
            {
                colour = aqi.TryGetProperty("color", out var c) && c.ValueKind == JsonValueKind.String
                    ? c.GetString()!
                    : CategoryColour(aqi.GetProperty("value").GetDouble());
            }
            return new District(d.GetProperty("name").GetString()!, colour.ToUpperInvariant());
        }).ToList();
    }

    /// <summary>The root of the region tree, as <c>GET /api/regions/{id}</c> answers for it.</summary>
    private async Task<JsonDocument> RootAsync()
    {
        using var tree = JsonDocument.Parse(await Fixture.Host.Http.GetStringAsync("/api/regions"));
        var root = tree.RootElement.GetProperty("root").GetProperty("id").GetString();
        return JsonDocument.Parse(await Fixture.Host.Http.GetStringAsync($"/api/regions/{Uri.EscapeDataString(root!)}"));
    }

    private static string CategoryColour(double aqi) => aqi switch
    {
        <= 50 => "#00E400",
        <= 100 => "#FFFF00",
        <= 150 => "#FF7E00",
        <= 200 => "#FF0000",
        <= 300 => "#99004C",
        _ => "#7E0023",
    };

    private static async Task<(List<string> Map, Dictionary<string, string> Ranking)> ColoursAsync(IPage page)
    {
        var map = await page.Locator(".map-chart svg path").EvaluateAllAsync<string[]>("paths => paths.map(p => (p.getAttribute('fill') || '').toUpperCase())");
        var rows = await page.Locator(".ranking tbody tr").EvaluateAllAsync<string[][]>(
            "rows => rows.map(r => [r.querySelector('.place-name').textContent.trim(), getComputedStyle(r.querySelector('.chip')).backgroundColor])");
        return (map.ToList(), rows.ToDictionary(r => r[0], r => Hex(r[1])));
    }

    /// <summary>"rgb(91, 101, 119)" as "#5B6577".</summary>
    private static string Hex(string rgb) =>
        "#" + string.Concat(Regex.Matches(rgb, @"\d+").Take(3).Select(m => int.Parse(m.Value).ToString("X2")));
}
