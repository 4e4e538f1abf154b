using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The trend charts speak the page's language, legends and axes alike, and the network panel draws its online
/// and validity rates in percent. On tongzhou, whose readings this test only reads.</summary>
[Collection(CockpitCollection.Name)]
public class ChartLanguageTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    private const string District = "/regions/tongzhou";
    private static readonly Regex Number = new(@"^\d+$");

    [BrowserFact]
    public async Task Trend_legends_are_in_the_pages_language_and_the_network_rates_are_drawn_in_percent_up_to_100()
    {
        var en = await OpenAsync(District);
        var trend = await ChartTextsAsync(en, ".row-trend", t => t.Contains("NO₂") && t.Contains("Noise LAeq"));
        Assert.Contains("O₃", trend);
        Assert.Contains("NO₂", trend);
        Assert.Contains("Noise LAeq", trend);
        Assert.DoesNotContain(trend, t => t.Contains("臭氧", StringComparison.Ordinal) || t.Contains("噪声", StringComparison.Ordinal));
        var network = await ChartTextsAsync(en, ".network-panel", t => t.Contains("Validity rate") && t.Contains("80"));
        Assert.Contains("Online rate", network);
        Assert.Contains("Validity rate", network);
        AssertPercentAxis(network);
        await Screenshots.SaveAsync(en, "district-network-trend-1920x1080");
        await Expect(en.Locator(".network-panel .trend-actions button", new() { HasTextString = "7 days" })).ToBeVisibleAsync();

        var zh = await OpenAsync(District, locale: "zh-CN");
        var trendZh = await ChartTextsAsync(zh, ".row-trend", t => t.Contains("二氧化氮 NO₂") && t.Contains("噪声 LAeq"));
        Assert.Contains("臭氧 O₃", trendZh);
        Assert.Contains("二氧化氮 NO₂", trendZh);
        Assert.Contains("噪声 LAeq", trendZh);
        Assert.DoesNotContain("Noise LAeq", trendZh);
        var networkZh = await ChartTextsAsync(zh, ".network-panel", t => t.Contains("数据有效率") && t.Contains("80"));
        Assert.Contains("设备在线率", networkZh);
        Assert.Contains("数据有效率", networkZh);
        Assert.DoesNotContain("Online rate", networkZh);
        AssertPercentAxis(networkZh);
    }

    /// <summary>A value axis named % whose labels are whole percents up to 100: a rate of 0.97 is drawn at 97, not at
    /// 0.97 on an axis of 0–1 (ECharts may leave out the top label where it would touch the axis name).</summary>
    private static void AssertPercentAxis(IReadOnlyList<string> texts)
    {
        Assert.Contains("%", texts);
        var values = texts.Where(t => Number.IsMatch(t)).Select(int.Parse).ToList();
        Assert.InRange(values.Count, 3, 6);
        Assert.InRange(values.Max(), 80, 100);
    }

    /// <summary>The texts of the trend chart in <paramref name="panel"/> once <paramref name="until"/> holds of them, or
    /// after a minute: the assertions that follow then list what the chart did show.</summary>
    private static async Task<IReadOnlyList<string>> ChartTextsAsync(IPage page, string panel, Func<IReadOnlyList<string>, bool> until)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        IReadOnlyList<string> texts;
        do
        {
            texts = [.. (await page.Locator($"{panel} .trend-chart svg text").AllTextContentsAsync()).Select(t => t.Trim())];
            if (until(texts)) break;
            await Task.Delay(200);
        }
        while (DateTime.UtcNow < deadline);
        return texts;
    }
}
