using System.Text.RegularExpressions;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>Down the tree from the root to a device and back up, every level: by the map (keyboard and click), by the
/// ranking (Enter on a row), by the device list; back by the Back button, by the breadcrumbs and by the browser.</summary>
[Collection(ProvinceCockpitCollection.Name)]
public class RegionDrillDownTests(ProvinceCockpitFixture fixture) : BrowserTest<ProvinceCockpitFixture>(fixture)
{
    private const string DeviceId = "cockpit-levels-1";

    [BrowserFact]
    public async Task Every_level_opens_from_its_parent_and_goes_back_by_button_breadcrumb_and_browser()
    {
        var chain = await RegionChain.FirstChildrenAsync(Fixture.Host);
        Assert.True(chain.Count >= 3, $"the tree is {chain.Count} levels deep; the drill-down needs a root, a middle level and a leaf");
        var leaf = chain[^1];
        await using var device = await Fixture.Host.ConnectDeviceAsync(leaf.Id, DeviceId);
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 31), TestDevice.Value(Quantity.Temperature, 18.5));
        var page = await OpenAsync("/");
        var title = page.Locator(".region-view h1");
        await Expect(title).ToHaveTextAsync(chain[0].Name);
        await Expect(page.Locator(".crumbs .back")).ToHaveCountAsync(0);

        // The root's first child by the keyboard on the map, once drawn: an arrow chooses it, Enter opens it.
        await Expect(page.Locator(".map-chart svg text", new() { HasTextString = chain[1].Name })).ToHaveCountAsync(1);
        await page.Locator(".map-chart").FocusAsync();
        await page.Keyboard.PressAsync("ArrowRight");
        await Expect(page.Locator($".map-chart[data-chosen='{chain[1].Id}']")).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("Enter");
        await ExpectAtAsync(page, chain, 1);

        // Every level below by Enter on its row of the parent's ranking.
        for (var level = 2; level < chain.Count; level++)
        {
            await page.Locator($".ranking tr[data-region='{chain[level].Id}']").PressAsync("Enter");
            await ExpectAtAsync(page, chain, level);
        }
        await Expect(page.Locator(".region-view.leaf")).ToBeVisibleAsync();

        await page.Locator($"tr[data-device={DeviceId}]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/devices/{DeviceId}$"));
        await Expect(page.Locator(".device-view .crumbs a")).ToHaveCountAsync(chain.Count);
        await Expect(page.Locator(".readings tr[data-quantity=temperature]")).ToContainTextAsync("18.5");

        // Up by the Back button, one level at a time, to the root.
        await page.Locator(".crumbs .back").ClickAsync();
        for (var level = chain.Count - 1; level > 0; level--)
        {
            await ExpectAtAsync(page, chain, level);
            await page.Locator(".crumbs .back").ClickAsync();
        }
        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(RegionChain.PathOf(chain[0]))}$"));
        await Expect(title).ToHaveTextAsync(chain[0].Name);

        // The browser's Back retraces the way up in reverse.
        await page.GoBackAsync();
        await ExpectAtAsync(page, chain, 1);

        // From the device, a breadcrumb goes straight to the root; the browser goes back to the device.
        await page.GotoAsync($"/devices/{DeviceId}");
        await page.Locator($".crumbs a[data-region='{chain[0].Id}']").ClickAsync();
        await Expect(title).ToHaveTextAsync(chain[0].Name);
        await page.GoBackAsync();
        await Expect(page.Locator(".device-view")).ToBeVisibleAsync();

        // And a click on a place of the map opens it.
        await page.GotoAsync("/");
        await page.Locator(".map-chart svg text", new() { HasTextString = chain[1].Name }).First.ClickAsync();
        await ExpectAtAsync(page, chain, 1);
    }

    [BrowserFact]
    public async Task A_place_or_device_url_opened_directly_shows_that_view_and_an_unknown_one_says_so()
    {
        var chain = await RegionChain.FirstChildrenAsync(Fixture.Host);
        var page = await OpenAsync(RegionChain.PathOf(chain[1]));
        await Expect(page.Locator(".region-view h1")).ToHaveTextAsync(chain[1].Name);

        await page.GotoAsync("/regions/atlantis");
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("There is no place \"atlantis\"");

        await page.GotoAsync("/devices/never-seen-1");
        await Expect(page.Locator(".empty-state")).ToContainTextAsync("has never reported");
    }

    /// <summary>The view of the chain's place at that level: its URL, its title, its ancestors as breadcrumb links.</summary>
    private static async Task ExpectAtAsync(IPage page, IReadOnlyList<Place> chain, int level)
    {
        await Expect(page).ToHaveURLAsync(new Regex($"{Regex.Escape(RegionChain.PathOf(chain[level]))}$"));
        await Expect(page.Locator(".region-view h1")).ToHaveTextAsync(chain[level].Name);
        await Expect(page.Locator(".region-view .crumbs a")).ToHaveCountAsync(level);
    }
}
