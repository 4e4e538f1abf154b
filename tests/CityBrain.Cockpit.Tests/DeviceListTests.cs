using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>A district's devices as a technician or an analyst looks for a hot spot or a broken gateway: each device's
/// key values in the list, the highest marked, the devices that need a visit by name and site, and on the district's
/// map where they stand, the offline one marked as such.</summary>
[Collection(CockpitCollection.Name)]
public class DeviceListTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task The_device_list_and_map_show_key_values_sites_and_the_offline_device()
    {
        // A host of its own: the devices of this district are exactly these three.
        await using var host = await RunningHost.StartAsync(null, CockpitFixture.AnonymousViewing);
        await using var calm = await host.ConnectDeviceAsync("daxing", "list-calm");
        await using var hot = await host.ConnectDeviceAsync("daxing", "list-hot");
        await using var gone = await host.ConnectDeviceAsync("daxing", "list-gone");
        var at = DateTimeOffset.UtcNow.AddMinutes(-1);
        await calm.PublishAsync(1, at, TestDevice.Value(Quantity.Pm2_5, 41), TestDevice.Value(Quantity.Noise, 66.2));
        await hot.PublishAsync(1, at, TestDevice.Value(Quantity.Pm2_5, 152), TestDevice.Value(Quantity.Noise, 58.4));
        await gone.PublishAsync(1, at, TestDevice.Value(Quantity.Pm2_5, 60));
        // Each gateway announces where it stands, inside Daxing.
        await calm.PublishHealthAsync(new Site("黄村", 39.70, 116.70));
        await hot.PublishHealthAsync(new Site("亦庄", 39.72, 116.75));
        await gone.PublishHealthAsync(new Site("旧宫", 39.75, 116.68));
        // What a gateway's last will says when it goes away.
        await gone.PublishRawAsync(TopicAddress.Build("daxing", "list-gone", TopicKind.Status),
            WireFormat.Serialize(new Status(1, "list-gone", DeviceState.Offline, DateTimeOffset.UtcNow)));

        var page = await OpenAsync("/regions/daxing", host: host.BaseAddress);
        var rows = page.Locator(".devices tbody tr");
        await Expect(page.Locator(".network-devices [data-group=offline]")).ToHaveTextAsync("list-gone旧宫", new() { Timeout = 60_000 });

        // Offline first, then the highest PM2.5.
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-device", "list-gone");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-device", "list-hot");
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-device", "list-calm");
        await Expect(page.Locator(".devices tr[data-device=list-hot] td[data-quantity=pm2_5]")).ToHaveTextAsync("152");
        await Expect(page.Locator(".devices tr[data-device=list-hot] td[data-quantity=pm2_5]")).ToHaveClassAsync("num hot");
        await Expect(page.Locator(".devices tr[data-device=list-calm] td[data-quantity=noise]")).ToHaveClassAsync("num hot");
        await Expect(page.Locator(".devices tr[data-device=list-calm] td[data-quantity=pm10]")).ToHaveTextAsync("no data");

        await Expect(page.Locator(".devices tr[data-device=list-hot] .site-name")).ToHaveTextAsync("亦庄");

        // The map draws all three where they stand, the offline one counted apart; the arrow keys reach it.
        var map = page.Locator(".site-map-chart");
        await Expect(map).ToHaveAttributeAsync("data-devices", "3");
        await Expect(page.Locator(".site-legend [data-condition=offline]")).ToHaveTextAsync("■Offline 1");
        await Expect(page.Locator(".site-legend [data-condition=ok]")).ToHaveTextAsync("●Reporting 2");
        await Expect(page.Locator(".site-map-chart svg path").First).ToBeVisibleAsync();
        await map.ScrollIntoViewIfNeededAsync();
        await Screenshots.SaveAsync(page, "district-sites");
        await map.FocusAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Expect(map).ToHaveAttributeAsync("data-chosen", "list-gone");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/devices/list-gone$"));
        await Expect(page.Locator(".device-facts")).ToContainTextAsync("Site 旧宫");
        await Expect(page.Locator(".device-facts")).ToContainTextAsync("Position 39.75000, 116.68000");

        await page.GoBackAsync();
        await Expect(page.Locator(".network-devices [data-group=offline] button")).ToHaveTextAsync("list-gone旧宫");
        await page.Locator(".network-devices [data-group=offline] button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/devices/list-gone$"));
    }
}
