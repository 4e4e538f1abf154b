using CityBrain.Cockpit.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

[Collection(CockpitCollection.Name)]
public class LanguageTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task The_language_switch_changes_the_page_and_is_remembered_after_a_reload()
    {
        var page = await OpenAsync("/", locale: "en-US");
        var nav = page.Locator("nav.nav a").First;
        await Expect(nav).ToHaveTextAsync("Overview");
        await Expect(page.Locator(".map-chart svg text", new() { HasTextString = "Haidian" })).ToHaveCountAsync(1);

        await page.Locator("[data-language=zh]").ClickAsync();

        await Expect(nav).ToHaveTextAsync("总览");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        await Expect(page.Locator(".map-chart svg text", new() { HasTextString = "海淀区" })).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "city-view-zh-1920x1080");

        await page.ReloadAsync();

        await Expect(nav).ToHaveTextAsync("总览");
        await Expect(page.Locator(".brand-title")).ToHaveTextAsync("环境感知驾驶舱");
        await page.Locator("[data-language=en]").ClickAsync();
        await Expect(nav).ToHaveTextAsync("Overview");
    }

    [BrowserFact]
    public async Task A_chinese_browser_starts_in_chinese()
    {
        var page = await OpenAsync("/ops", locale: "zh-CN");
        await Expect(page.Locator(".ops-view h1")).ToHaveTextAsync("数据接入运维");
    }
}
