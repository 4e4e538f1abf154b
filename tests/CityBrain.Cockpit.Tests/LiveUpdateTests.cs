using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

[Collection(CockpitCollection.Name)]
public class LiveUpdateTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task A_new_reading_over_mqtt_changes_the_screen_without_a_reload()
    {
        await using var device = await Fixture.Host.ConnectDeviceAsync("fengtai", "cockpit-live-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-2), TestDevice.Value(Quantity.Pm2_5, 42));
        var page = await OpenAsync("/regions/fengtai");
        var pm25 = page.Locator(".tile[data-quantity=pm2_5] .value");
        await Expect(pm25).ToHaveTextAsync("42");
        // Anything a reload would wipe out.
        await page.EvaluateAsync("() => window.notReloaded = true");

        await device.PublishAsync(2, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 77));

        await Expect(pm25).ToHaveTextAsync("77");
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
        await Expect(page.Locator(".link-state")).ToHaveTextAsync("Live");
    }

    [BrowserFact]
    public async Task A_live_update_keeps_the_navigation_a_click_or_the_keyboard_is_on()
    {
        await using var device = await Fixture.Host.ConnectDeviceAsync("fengtai", "cockpit-live-2");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-2), TestDevice.Value(Quantity.So2, 11));
        var page = await OpenAsync("/regions/fengtai");
        var so2 = page.Locator(".tile[data-quantity=so2] .value");
        await Expect(so2).ToHaveTextAsync("11");
        // A link replaced between a press and its release loses the click, and the focus it held.
        await page.Locator("nav a", new() { HasTextString = "Overview" }).FocusAsync();
        await page.EvaluateAsync("() => window.navBefore = document.querySelector('nav a')");

        await device.PublishAsync(2, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.So2, 12));

        await Expect(so2).ToHaveTextAsync("12");
        Assert.True(await page.EvaluateAsync<bool>("() => window.navBefore === document.querySelector('nav a') && document.activeElement === window.navBefore"));
    }

    [BrowserFact]
    public async Task The_page_reconnects_by_itself_after_the_host_restarts()
    {
        var host = await RunningHost.StartAsync(null, CockpitFixture.AnonymousViewing);
        try
        {
            var page = await OpenAsync("/regions/pinggu", host: host.BaseAddress);
            // Connected, but nothing reports from there yet: not the green "Live".
            await Expect(page.Locator(".link-state")).ToHaveTextAsync("Connected · no device reports here");
            await Expect(page.Locator(".link-state")).ToHaveClassAsync(new Regex(@"\bsilent\b"));

            host = await host.RestartAsync();
            await using var device = await host.ConnectDeviceAsync("pinggu", "cockpit-restart-1");
            await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Noise, 61.3));

            await Expect(page.Locator(".noise tbody tr").Last).ToContainTextAsync("61.3", new() { Timeout = 60_000 });
            await Expect(page.Locator(".link-state")).ToHaveTextAsync("Live");
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    [BrowserFact]
    public async Task Numbers_look_stale_and_say_since_when_once_the_host_has_been_gone_for_a_while()
    {
        var host = await RunningHost.StartAsync(null, CockpitFixture.AnonymousViewing);
        await using (var device = await host.ConnectDeviceAsync("fangshan", "cockpit-stale-1"))
        {
            await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 33));
        }
        var page = await OpenAsync("/regions/fangshan", host: host.BaseAddress);
        await Expect(page.Locator(".tile[data-quantity=pm2_5] .value")).ToHaveTextAsync("33");
        await Expect(page.Locator("html")).Not.ToHaveClassAsync(new Regex("stale"));

        await host.DisposeAsync();

        await Expect(page.Locator("html")).ToHaveClassAsync(new Regex("stale"), new() { Timeout = 60_000 });
        await Expect(page.Locator(".link-state")).ToContainTextAsync("data as of");
        // Grey rather than faded: a faded page would read below WCAG's 4.5:1 (see ContrastTests).
        await Expect(page.Locator(".tile[data-quantity=pm2_5] .value")).ToHaveCSSAsync("color", "rgb(169, 180, 196)");
        await Expect(page.Locator(".tile[data-quantity=pm2_5] .value")).ToHaveTextAsync("33");
    }
}
