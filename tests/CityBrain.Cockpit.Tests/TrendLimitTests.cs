using System.Globalization;
using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The trend as a director reads it: national limits drawn on it, any range of dates, zoom. On tongzhou, whose
/// readings no other test on the shared host touches.</summary>
[Collection(CockpitCollection.Name)]
public class TrendLimitTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    private const string District = "/regions/tongzhou";
    private static readonly LocatorAssertionsToBeVisibleOptions Patiently = new() { Timeout = 60_000 };
    private static readonly Regex AxisTime = new(@"^(\d{2}/\d{2}|\d{2}:\d{2})$");

    [BrowserFact]
    public async Task Daily_concentrations_show_the_24_hour_limit_and_hourly_ones_only_the_1_hour_limits_the_standard_has()
    {
        await using var device = await Fixture.Host.ConnectDeviceAsync("tongzhou", "cockpit-trend-limits-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1),
            TestDevice.Value(Quantity.Pm2_5, 90), TestDevice.Value(Quantity.No2, 60));
        var page = await OpenAsync(District);
        await Expect(page.Locator(".row-trend .trend-chart svg")).ToBeVisibleAsync(Patiently);

        await PeriodButton(page, "30 days").ClickAsync();
        var daily = await ChartTextsAsync(page, t => t.Contains("NO₂ GB 3095 II 24 h: 80"));
        Assert.True(daily.Contains("PM2.5 GB 3095 II 24 h: 75") && daily.Contains("NO₂ GB 3095 II 24 h: 80"), string.Join(" | ", daily));

        await PeriodButton(page, "24 h").ClickAsync();
        var hourly = await ChartTextsAsync(page, t => t.Contains("NO₂ GB 3095 II 1 h: 200"));
        Assert.Contains("NO₂ GB 3095 II 1 h: 200", hourly);
        Assert.DoesNotContain(hourly, t => t.StartsWith("PM2.5 GB 3095", StringComparison.Ordinal));
        Assert.Contains(hourly, t => t.StartsWith("AQI 100", StringComparison.Ordinal));
    }

    [BrowserFact]
    public async Task The_noise_trend_draws_the_districts_GB_3096_day_and_night_limits()
    {
        // A host of its own: noise in a district of the shared host would change the zone compliance its city view shows.
        await using var host = await RunningHost.StartAsync(null, CockpitFixture.AnonymousViewing);
        await using var device = await host.ConnectDeviceAsync("daxing", "trend-noise-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Noise, 58.2));
        var region = await RunningHost.EventuallyAsync(() => host.GetAsync<RegionResponse>("/api/regions/daxing")!,
            r => r!.Noise is { Zone: not null, LimitDay: not null, LimitNight: not null }, "daxing's noise zone and its limits", TimeSpan.FromSeconds(60));
        var noise = region!.Noise!;
        var day = string.Create(CultureInfo.InvariantCulture, $"GB 3096 class {noise.Zone} day: {noise.LimitDay:0.0}");
        var night = string.Create(CultureInfo.InvariantCulture, $"GB 3096 class {noise.Zone} night: {noise.LimitNight:0.0}");

        var page = await OpenAsync("/regions/daxing", host: host.BaseAddress);
        var texts = await ChartTextsAsync(page, t => t.Contains(day) && t.Contains(night));

        Assert.True(texts.Contains(day) && texts.Contains(night), $"{day} and {night} among {string.Join(" | ", texts)}");
        Assert.True(noise.LimitNight < noise.LimitDay, "the night limit is the stricter one");
    }

    [BrowserFact]
    public async Task A_range_of_dates_loads_by_hour_spans_the_axis_and_names_the_csv_and_a_reversed_one_says_so()
    {
        var page = await OpenAsync(District);
        await Expect(page.Locator(".row-trend .trend-chart svg")).ToBeVisibleAsync(Patiently);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        var (from, to) = (today.AddDays(-5), today.AddDays(-3));

        // The district's network panel has a trend of its own, with its own range.
        var trend = page.Locator(".row-trend");
        await PeriodButton(page, "Dates…").ClickAsync();
        await trend.GetByLabel("From (date in the city)").FillAsync(Iso(from));
        await trend.GetByLabel("To (date in the city, included)").FillAsync(Iso(to));

        // Midnights are labelled with the date: the first day's and the last day's, and none outside the range.
        var inRange = Enumerable.Range(0, 4).Select(d => from.AddDays(d).ToString("dd/MM", CultureInfo.InvariantCulture)).ToList();
        // The chart first shows the week the inputs start with: wait until no date outside the range is left.
        static IEnumerable<string> Dates(IEnumerable<string> texts) => texts.Where(t => AxisTime.IsMatch(t) && t.Contains('/'));
        var labels = Dates(await ChartTextsAsync(page, t => Dates(t).All(inRange.Contains))).ToList();
        Assert.Contains(inRange[0], labels);
        Assert.Contains(inRange[2], labels);
        Assert.All(labels, l => Assert.Contains(l, inRange));

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".row-trend .csv").ClickAsync());
        Assert.EndsWith($"-{Iso(from)}-{Iso(to)}-hour.csv", download.SuggestedFilename);
        var rows = (await File.ReadAllLinesAsync(await download.PathAsync())).Skip(1).Where(r => r.Length > 0).ToList();
        Assert.Equal(3 * 24, rows.Count);

        await trend.GetByLabel("From (date in the city)").FillAsync(Iso(to.AddDays(1)));
        await Expect(trend.Locator(".trend-range-message")).ToHaveTextAsync("The end date is before the start date.");
        await trend.GetByLabel("From (date in the city)").FillAsync("");
        await Expect(trend.Locator(".trend-range-message")).ToHaveTextAsync("Choose a start date and an end date.");
    }

    [BrowserFact]
    public async Task The_wheel_zooms_the_time_axis_the_csv_follows_the_zoom_and_reset_shows_the_whole_day_again()
    {
        var page = await OpenAsync(District);
        var chart = page.Locator(".row-trend .trend-chart");
        var reset = page.Locator(".row-trend .reset-zoom");
        await Expect(chart.Locator("svg")).ToBeVisibleAsync(Patiently);
        await Expect(reset).ToBeDisabledAsync();
        var whole = await RunningHost.EventuallyAsync(() => AxisLabelsAsync(page), l => l.Count >= 2, "a day's axis labels");
        var wholeRows = await CsvRowsAsync(page);

        var box = await chart.BoundingBoxAsync() ?? throw new InvalidOperationException("the trend chart has no box");
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
        for (var i = 0; i < 4; i++) await page.Mouse.WheelAsync(0, -300);

        await Expect(reset).ToBeEnabledAsync(new() { Timeout = 30_000 });
        await RunningHost.EventuallyAsync(() => AxisLabelsAsync(page), l => !l.SequenceEqual(whole), "the zoomed axis labels");
        var zoomedRows = await CsvRowsAsync(page);
        Assert.InRange(zoomedRows, 1, wholeRows - 1);

        await reset.ClickAsync();
        await Expect(reset).ToBeDisabledAsync(new() { Timeout = 30_000 });
        await RunningHost.EventuallyAsync(() => AxisLabelsAsync(page), l => l.SequenceEqual(whole), "the whole day's axis labels again");
        Assert.Equal(wholeRows, await CsvRowsAsync(page));
    }

    [BrowserFact]
    public async Task On_a_4K_wall_the_time_axis_labels_grow_with_the_page()
    {
        var page = await OpenAsync(District, screen: (3840, 2160));
        const string Sizes = """
            () => {
              const label = [...document.querySelectorAll('.row-trend .trend-chart svg text')].find(t => /^\d{2}[:/]\d{2}$/.test(t.textContent));
              return label ? [parseFloat(getComputedStyle(document.documentElement).fontSize), parseFloat(getComputedStyle(label).fontSize)] : null;
            }
            """;
        var sizes = await RunningHost.EventuallyAsync(() => page.EvaluateAsync<double[]?>(Sizes), s => s is not null, "a time axis label", TimeSpan.FromSeconds(60));

        Assert.Equal(Math.Round(sizes![0] * 0.8), sizes[1]);
        Assert.True(sizes[1] > 16, $"axis labels are {sizes[1]} px on a page of {sizes[0]} px");
    }

    [BrowserFact]
    public async Task On_a_4K_wall_the_zoom_sliders_drag_bar_grows_with_the_page()
    {
        var page = await OpenAsync(District, screen: (3840, 2160));
        // The bar above the slider, drawn in the slider's border colour as a filled shape: its height against the page's font size.
        const string Sizes = """
            () => {
              const bars = [...document.querySelectorAll('.row-trend .trend-chart svg path, .row-trend .trend-chart svg rect')]
                .filter(e => ['#2d3b55', 'rgb(45,59,85)'].includes((e.getAttribute('fill') || '').replaceAll(' ', '').toLowerCase()));
              return bars.length ? [parseFloat(getComputedStyle(document.documentElement).fontSize), ...bars.map(b => b.getBBox().height)] : null;
            }
            """;
        var sizes = await RunningHost.EventuallyAsync(() => page.EvaluateAsync<double[]?>(Sizes), s => s is not null, "the zoom slider's drag bar", TimeSpan.FromSeconds(60));

        Assert.True(sizes![0] > 20, $"a 4K page's font is {sizes[0]} px");
        Assert.InRange(sizes.Skip(1).Max(), Math.Round(sizes[0] * 0.45) - 1, Math.Round(sizes[0] * 0.45) + 1);
    }

    private static ILocator PeriodButton(IPage page, string text) =>
        page.Locator(".row-trend .trend-actions button", new() { HasTextString = text });

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task<List<string>> AxisLabelsAsync(IPage page) =>
        [.. (await page.Locator(".row-trend .trend-chart svg text").AllTextContentsAsync()).Where(t => AxisTime.IsMatch(t))];

    /// <summary>The chart's texts once <paramref name="until"/> holds of them, or after a minute: the assertions that follow
    /// then list what the chart did show.</summary>
    private static async Task<IReadOnlyList<string>> ChartTextsAsync(IPage page, Func<IReadOnlyList<string>, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        IReadOnlyList<string> texts;
        do
        {
            texts = await page.Locator(".row-trend .trend-chart svg text").AllTextContentsAsync();
            if (until(texts)) break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return texts;
    }

    private static async Task<int> CsvRowsAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator(".row-trend .csv").ClickAsync());
        return (await File.ReadAllLinesAsync(await download.PathAsync())).Skip(1).Count(r => r.Length > 0);
    }
}
