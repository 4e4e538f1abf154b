using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>A district's devices as a technician or an analyst looks for a hot spot or a broken gateway: each device's
/// key values in the list, the highest marked, and the devices that need a visit by name.</summary>
[Collection(CockpitCollection.Name)]
public class DeviceListTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task The_device_list_shows_key_values_with_the_hot_spot_first_and_names_the_offline_device()
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
        // What a gateway's last will says when it goes away.
        await gone.PublishRawAsync(TopicAddress.Build("daxing", "list-gone", TopicKind.Status),
            WireFormat.Serialize(new Status(1, "list-gone", DeviceState.Offline, DateTimeOffset.UtcNow)));

        var page = await OpenAsync("/regions/daxing", host: host.BaseAddress);
        var rows = page.Locator(".devices tbody tr");
        await Expect(page.Locator(".network-devices [data-group=offline]")).ToHaveTextAsync("list-gone", new() { Timeout = 60_000 });

        // Offline first, then the highest PM2.5.
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Nth(0)).ToHaveAttributeAsync("data-device", "list-gone");
        await Expect(rows.Nth(1)).ToHaveAttributeAsync("data-device", "list-hot");
        await Expect(rows.Nth(2)).ToHaveAttributeAsync("data-device", "list-calm");
        await Expect(page.Locator(".devices tr[data-device=list-hot] td[data-quantity=pm2_5]")).ToHaveTextAsync("152");
        await Expect(page.Locator(".devices tr[data-device=list-hot] td[data-quantity=pm2_5]")).ToHaveClassAsync("num hot");
        await Expect(page.Locator(".devices tr[data-device=list-calm] td[data-quantity=noise]")).ToHaveClassAsync("num hot");
        await Expect(page.Locator(".devices tr[data-device=list-calm] td[data-quantity=pm10]")).ToHaveTextAsync("no data");

        await page.Locator(".network-devices [data-group=offline] button").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/devices/list-gone$"));
    }
}
