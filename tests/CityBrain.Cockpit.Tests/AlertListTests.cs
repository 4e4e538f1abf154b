using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The alert panel as a director reads it: in the page's language (never the host's English sentence or raw
/// ids), the critical ones first and in their own colour, under a count.</summary>
[Collection(CockpitCollection.Name)]
public class AlertListTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task Alerts_are_in_chinese_on_a_chinese_page_critical_first_and_red_warnings_amber()
    {
        await using var heavy = await Fixture.Host.ConnectDeviceAsync("changping", "cockpit-alert-heavy");
        await using var light = await Fixture.Host.ConnectDeviceAsync("shijingshan", "cockpit-alert-light");
        // Published after the light one, so that a list in the host's order (newest first) would put it second.
        await light.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 90));
        await heavy.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 300));

        var page = await OpenAsync("/", locale: "zh-CN");
        var heavyAlert = page.Locator(".alerts .alert[data-alert^='AirPolluted/changping/']");
        var lightAlert = page.Locator(".alerts .alert[data-alert^='AirPolluted/shijingshan/']");
        await Expect(heavyAlert).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Expect(lightAlert).ToBeVisibleAsync(new() { Timeout = 90_000 });

        await Expect(heavyAlert).ToHaveAttributeAsync("data-severity", "critical");
        await Expect(heavyAlert).ToContainTextAsync("昌平");
        await Expect(heavyAlert).ToContainTextAsync("严重");
        await Expect(heavyAlert).ToContainTextAsync("当前小时");
        await Expect(lightAlert).ToContainTextAsync("警告");
        await Expect(lightAlert).ToContainTextAsync("轻度污染");
        foreach (var alert in new[] { heavyAlert, lightAlert })
        {
            await Expect(alert).Not.ToContainTextAsync("changping");
            await Expect(alert).Not.ToContainTextAsync("lightly polluted or worse");
        }
        var order = await page.Locator(".alerts .alert").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.severity)");
        Assert.Equal(order.OrderBy(s => s == "critical" ? 0 : 1), order);
        Assert.True(await page.Locator(".alerts .alert").EvaluateAllAsync<bool>(
            "items => items.indexOf(items.find(i => i.dataset.alert.startsWith('AirPolluted/changping/'))) < items.indexOf(items.find(i => i.dataset.alert.startsWith('AirPolluted/shijingshan/')))"));
        await Expect(heavyAlert).ToHaveCSSAsync("border-left-color", "rgb(255, 77, 79)");
        await Expect(lightAlert).ToHaveCSSAsync("border-left-color", "rgb(245, 158, 11)");
        await Expect(page.Locator(".alerts .alerts-summary")).ToContainTextAsync("严重");
        await Screenshots.SaveAsync(page, "alerts-zh-1920x1080");
    }

    [BrowserFact]
    public async Task A_place_no_device_reports_from_does_not_say_all_is_well()
    {
        var page = await OpenAsync("/regions/fangshan");

        var state = page.Locator(".alerts li");
        await Expect(state).ToHaveTextAsync("No device reports here yet, so no alert can be raised");
        await Expect(state).ToHaveClassAsync("muted");
        // Nor does the link indicator: connected, in grey, saying why nothing is live.
        var link = page.Locator(".link-state");
        await Expect(link).ToHaveTextAsync("Connected · no device reports here");
        Assert.NotEqual("rgb(34, 197, 94)", await link.EvaluateAsync<string>("e => getComputedStyle(e, '::before').backgroundColor"));
    }
}
