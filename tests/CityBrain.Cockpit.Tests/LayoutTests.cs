using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>Every level's view on a 4K wall, a 1080p screen, a laptop and a phone: saved as a screenshot for a person
/// to look at (TestResults/screenshots), and measured for text on top of other text or cut off.</summary>
[Collection(ProvinceCockpitCollection.Name)]
public class LayoutTests(ProvinceCockpitFixture fixture) : BrowserTest<ProvinceCockpitFixture>(fixture)
{
    private const string DeviceId = "cockpit-layout-1";

    private static readonly (int Width, int Height)[] Screens =
        [CockpitFixture.FourK, CockpitFixture.WallScreen, CockpitFixture.Laptop, CockpitFixture.Phone];

    [BrowserFact]
    public async Task No_text_overlaps_or_is_cut_off_at_any_level_on_a_wall_a_desk_a_laptop_or_a_phone()
    {
        var chain = await RegionChain.FirstChildrenAsync(Fixture.Host);
        await using var device = await Fixture.Host.ConnectDeviceAsync(chain[^1].Id, DeviceId);
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1),
            TestDevice.Value(Quantity.Pm2_5, 48), TestDevice.Value(Quantity.Pm10, 92), TestDevice.Value(Quantity.O3, 71),
            TestDevice.Value(Quantity.No2, 33), TestDevice.Value(Quantity.Noise, 57.4), TestDevice.Value(Quantity.Temperature, 16.2),
            TestDevice.Value(Quantity.Humidity, 61));
        var views = chain.Select((place, level) => (
                Path: RegionChain.PathOf(place),
                Name: place.Level,
                Ready: level < chain.Count - 1 ? $".ranking tr[data-region='{chain[level + 1].Id}']" : $".devices tr[data-device={DeviceId}]"))
            .Append((Path: $"/devices/{DeviceId}", Name: "device", Ready: ".readings tr[data-quantity=temperature]"))
            .ToList();

        var failures = new List<string>();
        foreach (var screen in Screens)
        {
            var phone = screen == CockpitFixture.Phone;
            var page = await OpenAsync("/", screen, touch: phone);
            foreach (var view in views)
            {
                await page.GotoAsync(view.Path);
                await Expect(page.Locator(view.Ready)).ToBeVisibleAsync();
                await Expect(page.Locator(".aqi-card, .device-view .status").First).ToBeVisibleAsync();
                var name = $"layout-{view.Name}-{screen.Width}x{screen.Height}";
                var report = await Layout.MeasureAsync(page);
                Assert.True(report.Texts > 20, $"{name}: only {report.Texts} texts measured");
                if (!report.IsClean) failures.Add($"{name}: {report}");
                Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} is wider than the screen");
                await Screenshots.SaveAsync(page, name);
            }
            if (phone)
            {
                // On a phone a place opens with a tap on its row.
                await page.GotoAsync("/");
                await page.Locator($".ranking tr[data-region='{chain[1].Id}']").TapAsync();
                await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(RegionChain.PathOf(chain[1]))}$"));
            }
            await page.Context.CloseAsync();
        }
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [BrowserFact]
    public async Task A_wall_screen_shows_each_child_in_turn_by_itself()
    {
        var chain = await RegionChain.FirstChildrenAsync(Fixture.Host);
        var page = await OpenAsync("/?wall=1&cycle=5", CockpitFixture.FourK);
        await Expect(page.Locator(".wall-cycle")).ToContainTextAsync("Wall mode");
        await Expect(page.Locator("nav.nav")).ToBeHiddenAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(RegionChain.PathOf(chain[1]))}\\?wall=1&cycle=5$"));
        await Expect(page.Locator(".region-view h1")).ToHaveTextAsync(chain[1].Name);
        await page.Context.CloseAsync();
    }
}
