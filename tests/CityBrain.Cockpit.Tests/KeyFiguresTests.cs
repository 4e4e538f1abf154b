using System.Text.Json;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The year at a glance as the cluster counts it (<c>/api/regions/{id}/figures</c>), with what exceeds its
/// limit now. How the figures are counted from the stored days is the backfilled demo's test in the host's tests.</summary>
[Collection(CockpitCollection.Name)]
public class KeyFiguresTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task The_year_at_a_glance_shows_the_clusters_figures_and_the_pollutants_above_their_limit()
    {
        // Only readings of this hour reach this district (the alert tests send the same 300), so it has no whole day
        // stored: the shares are unknown, not 0 %.
        await using var device = await Fixture.Host.ConnectDeviceAsync("changping", "cockpit-figures-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 300));
        using var figures = JsonDocument.Parse(await Fixture.Host.Http.GetStringAsync("/api/regions/changping/figures"));
        var year = figures.RootElement.GetProperty("yearToDate");
        Assert.Equal(0, year.GetProperty("validDays").GetInt32());

        var page = await OpenAsync("/regions/changping");
        var panel = page.Locator(".figures-panel");

        await Expect(panel.Locator("[data-quantity=exceeding] .tile-value")).ToHaveTextAsync("PM2.5");
        await Expect(panel.Locator("[data-quantity=good-days] .tile-value")).ToHaveTextAsync("no data");
        await Expect(panel.Locator("[data-quantity=good-days] .tile-detail")).ToContainTextAsync("0 of 0 days");
        await Expect(panel.Locator("[data-quantity=good-days] .tile-detail")).ToContainTextAsync("YoY no data");
        await Expect(panel.Locator("[data-quantity=heavy-days] .tile-value")).ToHaveTextAsync("0");
        await Expect(panel.Locator("[data-quantity=heavy-days] .tile-detail")).ToHaveTextAsync($"0 of {year.GetProperty("days").GetInt32()} days with an AQI");
        await Expect(panel.Locator("[data-quantity=pm25-year] .tile-detail")).ToContainTextAsync("target 35");
        await Expect(panel.Locator(".tile")).ToHaveCountAsync(5);
    }
}
