using System.Net.Http.Json;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Supervision;
using CityBrain.Testing;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>督办 as a director reads it: a place's open and overdue cases with their figures, and from a case its trail
/// in the page's language — who did what, when and why.</summary>
[Collection(CockpitCollection.Name)]
public class SupervisionPanelTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task A_case_appears_in_the_panel_of_its_district_and_city_and_opens_with_its_trail()
    {
        // A host of its own, where a device silent for five seconds raises a case within seconds.
        await using var host = await RunningHost.StartAsync(null, CockpitFixture.AnonymousViewing, "--Grains:OnlineWindow=00:00:05",
            "--Grains:AlertPeriod=00:00:00.500", "--Supervision:ReviewInterval=00:00:00.500");
        await using var device = await host.ConnectDeviceAsync("pinggu", "case-silent");
        await device.PublishAsync(1, DateTimeOffset.UtcNow, TestDevice.Value(Quantity.Pm2_5, 30));
        var raised = await RunningHost.EventuallyAsync(() => host.GetAsync<List<CaseResponse>>("/api/cases?region=pinggu"), c => c!.Count == 1, "the silent device's case");
        var id = raised![0].Id;
        var operatorClient = await host.SignInAsAsync("operator");
        (await operatorClient.PostAsJsonAsync($"/api/cases/{id}/acknowledge", new CaseStepRequest(null, null, null))).EnsureSuccessStatusCode();
        (await operatorClient.PostAsJsonAsync($"/api/cases/{id}/dispatch", new CaseStepRequest("请运维人员今日到站", null, null))).EnsureSuccessStatusCode();

        var page = await OpenAsync("/regions/demo-city", locale: "zh-CN", host: host.BaseAddress);
        var panel = page.Locator(".supervision-panel");
        await Expect(panel.Locator("[data-quantity=cases-open] .tile-value")).ToHaveTextAsync("1", new() { Timeout = 60_000 });
        await Expect(panel.Locator("[data-quantity=cases-overdue] .tile-value")).ToHaveTextAsync("0");
        await Expect(panel.Locator(".case")).ToHaveCountAsync(1);
        await Expect(panel.Locator($".case[data-case='{id}']")).ToContainTextAsync("监测设备 · 平谷区");
        await Expect(panel.Locator($".case[data-case='{id}']")).ToContainTextAsync("已派发");
        await Expect(panel.Locator($".case[data-case='{id}']")).ToContainTextAsync("环境监测站");

        await page.GotoAsync(new Uri(host.BaseAddress, "/regions/pinggu").ToString());
        var row = page.Locator($".supervision-panel .case[data-case='{id}']");
        await row.FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/cases/{id}$"));
        var steps = page.Locator(".case-trail .case-step");
        await Expect(steps).ToHaveCountAsync(3);
        await Expect(steps.Nth(0)).ToContainTextAsync("监测数据触发");
        await Expect(steps.Nth(0)).ToContainTextAsync("监测数据");
        await Expect(steps.Nth(1)).ToContainTextAsync("签收");
        await Expect(steps.Nth(2)).ToContainTextAsync("派发");
        await Expect(steps.Nth(2)).ToContainTextAsync("环境监测站");
        await Expect(steps.Nth(2)).ToContainTextAsync("请运维人员今日到站");
        await Expect(page.Locator(".case-facts [data-status]")).ToHaveTextAsync("已派发");
        await Expect(page.Locator(".case-view .alerts .alert")).ToContainTextAsync("case-silent");
        await Expect(page.Locator(".crumbs")).ToContainTextAsync("平谷区");
    }

    [BrowserFact]
    public async Task An_unknown_case_says_so()
    {
        var page = await OpenAsync("/cases/987654");

        await Expect(page.Locator(".empty-state")).ToHaveTextAsync("There is no case \"987654\".");
    }
}
