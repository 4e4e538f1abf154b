using CityBrain.Cockpit.Tests.Browser;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The page under the host's Content-Security-Policy: nothing it needs is refused.</summary>
[Collection(CockpitCollection.Name)]
public class SecurityPolicyTests(CockpitFixture fixture) : BrowserTest<CockpitFixture>(fixture)
{
    [BrowserFact]
    public async Task Every_view_renders_under_the_content_security_policy_without_a_refusal_or_a_script_error()
    {
        var page = await OpenAsync("/");
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) lock (problems) problems.Add(message.Text);
        };
        page.PageError += (_, error) => { lock (problems) problems.Add(error); };

        await page.ReloadAsync();
        await Expect(page.Locator(".map-chart svg text", new() { HasTextString = "Chaoyang" })).ToBeVisibleAsync();
        await ExpectConnectedAsync(page);
        await page.GotoAsync("/regions/chaoyang");
        await Expect(page.Locator(".region-view h1")).ToHaveTextAsync("Chaoyang");
        await page.GotoAsync("/ops");
        await ExpectConnectedAsync(page);

        lock (problems) Assert.Empty(problems);
    }
}
