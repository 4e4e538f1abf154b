using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests.Browser;

/// <summary>A test with pages of its own: every browser context it opens is closed when it ends, so that pages of
/// earlier tests do not keep streaming and redrawing while later ones run (on a 2-core machine they add up).</summary>
public abstract class BrowserTest<TFixture>(TFixture fixture) : IAsyncLifetime where TFixture : CockpitFixture
{
    private readonly List<IBrowserContext> _contexts = [];

    protected TFixture Fixture => fixture;

    /// <inheritdoc cref="CockpitFixture.OpenAsync"/>
    protected async Task<IPage> OpenAsync(string path, (int Width, int Height)? screen = null, string locale = "en-US", Uri? host = null, bool touch = false)
    {
        var page = await fixture.OpenAsync(path, screen, locale, host, touch);
        _contexts.Add(page.Context);
        return page;
    }

    /// <summary>The page's live link is up: "Live", or its words for a place no device reports from yet.</summary>
    protected static Task ExpectConnectedAsync(IPage page) => Expect(page.Locator(".link-state")).ToHaveClassAsync(new Regex(@"\b(live|silent)\b"));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in _contexts) await context.CloseAsync();
    }
}
