using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

[Collection(CockpitCollection.Name)]
public class DrillDownTests(CockpitFixture fixture)
{
    [BrowserFact]
    public async Task From_the_city_map_to_a_district_to_a_device_and_back()
    {
        await using var device = await fixture.Host.ConnectDeviceAsync("chaoyang", "cockpit-drill-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1),
            TestDevice.Value(Quantity.Pm10, 88), TestDevice.Value(Quantity.Temperature, 21.5), TestDevice.Value(Quantity.Noise, 58.2),
            TestDevice.Value(Quantity.VocIndex, 137), TestDevice.Value(Quantity.Nc2_5, 412.4), TestDevice.Value(Quantity.VocRaw, 28731));
        var page = await fixture.OpenAsync("/");

        await page.Locator(".map-chart svg text", new() { HasTextString = "Chaoyang" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/districts/chaoyang$"));
        await Expect(page.Locator(".district-view h1")).ToHaveTextAsync("Chaoyang");
        await Expect(page.Locator(".tile[data-quantity=pm10] .value")).ToHaveTextAsync("88");
        // A newer station's index sits with the air quantities; what no station of the district reports gets no tile.
        await Expect(page.Locator(".tile[data-quantity=voc_index] .value")).ToHaveTextAsync("137");
        await Expect(page.Locator(".tile[data-quantity=voc_index] .tile-label")).ToHaveTextAsync("VOC index");
        await Expect(page.Locator(".tile[data-quantity=pm4]")).ToHaveCountAsync(0);
        await Expect(page.Locator(".tile[data-quantity=nc2_5]")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "district-view-1920x1080");

        await page.Locator("tr[data-device=cockpit-drill-1]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/devices/cockpit-drill-1$"));
        var temperature = page.Locator(".readings tr[data-quantity=temperature]");
        await Expect(temperature).ToContainTextAsync("21.5");
        await Expect(temperature).ToContainTextAsync("°C");
        await Expect(temperature.Locator(".badge")).ToHaveTextAsync("ok");
        // Number concentrations and raw signals are listed with the device's readings, labelled, in their display units.
        var particles = page.Locator(".readings tr[data-quantity=nc2_5]");
        await Expect(particles.Locator("th")).ToHaveTextAsync("PN2.5 (particles ≤2.5 µm)");
        await Expect(particles).ToContainTextAsync("412");
        await Expect(particles).ToContainTextAsync("#/cm³");
        var raw = page.Locator(".readings tr[data-quantity=voc_raw]");
        await Expect(raw.Locator("th")).ToHaveTextAsync("VOC raw signal");
        await Expect(raw).ToContainTextAsync("ticks");
        await Expect(page.Locator(".readings tr[data-quantity=voc_index] th")).ToHaveTextAsync("VOC index");
        await Expect(page.Locator(".device-view .status")).ToHaveTextAsync("online");
        await Screenshots.SaveAsync(page, "device-view-1920x1080");

        await page.Locator(".device-view a.back").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/districts/chaoyang$"));
        await page.GoBackAsync();
        await Expect(page.Locator(".device-view")).ToBeVisibleAsync();
        await page.Locator("nav a", new() { HasTextString = "City" }).ClickAsync();
        await Expect(page.Locator(".city-view")).ToBeVisibleAsync();

        await page.Locator(".ranking tr[data-district=chaoyang]").ClickAsync();
        await Expect(page.Locator(".district-view h1")).ToHaveTextAsync("Chaoyang");
    }

    [BrowserFact]
    public async Task A_district_or_device_url_opened_directly_shows_that_view_and_an_unknown_one_says_so()
    {
        var page = await fixture.OpenAsync("/districts/atlantis");
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("There is no district \"atlantis\"");

        await page.GotoAsync("/devices/never-seen-1");
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("has never reported");
    }
}
