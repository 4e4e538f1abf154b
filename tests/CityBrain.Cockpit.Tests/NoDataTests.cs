using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

[Collection(CockpitCollection.Name)]
public class NoDataTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task A_district_whose_only_reading_is_invalid_shows_no_data_and_never_zero()
    {
        await using var device = await Fixture.Host.ConnectDeviceAsync("daxing", "cockpit-invalid-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1),
            Reading.Of(Quantity.Pm2_5, null, Quality.Invalid, "test-sensor", reason: "fan stalled"));
        var page = await OpenAsync("/regions/daxing");

        // The device is there, so the district has been heard from; its PM2.5 is still not a number.
        await Expect(page.Locator("tr[data-device=cockpit-invalid-1]")).ToBeVisibleAsync();
        await Expect(page.Locator(".tile[data-quantity=pm2_5] .tile-value")).ToHaveTextAsync("no data");
        await Expect(page.Locator(".aqi-card .aqi-value")).ToHaveTextAsync("no data");
        await Expect(page.Locator(".tile[data-quantity=pm2_5] .tile-value")).Not.ToContainTextAsync("0");
        await Screenshots.SaveAsync(page, "district-no-data-1920x1080");

        await page.Locator("tr[data-device=cockpit-invalid-1]").ClickAsync();
        var reading = page.Locator(".readings tr[data-quantity=pm2_5]");
        await Expect(reading.Locator(".badge")).ToHaveTextAsync("invalid");
        await Expect(reading).ToContainTextAsync("fan stalled");
        await Expect(reading.Locator(".no-data")).ToHaveTextAsync("no data");
    }

    [BrowserFact]
    public async Task A_district_no_device_ever_reported_from_is_on_the_map_and_unranked_with_no_data()
    {
        var page = await OpenAsync("/");
        var row = page.Locator(".ranking tr[data-region=mentougou]");
        await Expect(row).ToContainTextAsync("no data");
        await Expect(row.Locator(".rank")).ToHaveTextAsync("–");
        await Expect(page.Locator(".map-chart svg text", new() { HasTextString = "Mentougou" })).ToHaveCountAsync(1);
    }
}
