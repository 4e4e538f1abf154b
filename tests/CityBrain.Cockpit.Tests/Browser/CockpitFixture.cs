using CityBrain.Testing;
using Microsoft.Playwright;

namespace CityBrain.Cockpit.Tests.Browser;

/// <summary>One host and one browser for the browser tests: each test opens its own context (own storage) and uses
/// districts of its own, so the tests do not see each other's data. This one serves the demo city (a city of twelve
/// districts); <see cref="ProvinceCockpitFixture"/> serves the demo province.</summary>
public class CockpitFixture : IAsyncLifetime
{
    public static readonly (int Width, int Height) WallScreen = (1920, 1080);
    public static readonly (int Width, int Height) Laptop = (1366, 768);
    public static readonly (int Width, int Height) FourK = (3840, 2160);
    public static readonly (int Width, int Height) Phone = (390, 844);

    private readonly string[] _hostArgs;
    private IPlaywright? _playwright;

    public CockpitFixture() : this([])
    {
    }

    // Alerts are checked every second rather than every minute, so the alert tests need not wait a minute.
    protected CockpitFixture(string[] hostArgs) => _hostArgs = [AnonymousViewing, "--Grains:AlertPeriod=00:00:01", .. hostArgs];

    public RunningHost Host { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The page tests read as a wall screen does, without signing in; the login page has tests of its own.</summary>
    public const string AnonymousViewing = "--Auth:AnonymousViewing=true";

    public async Task InitializeAsync()
    {
        Host = await RunningHost.StartAsync(null, _hostArgs);
        if (!Chromium.IsInstalled) return;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(Chromium.LaunchOptions);
        // Values arrive through report timers and the stream; a loaded 2-core machine needs patience, not sleeps.
        Assertions.SetDefaultExpectTimeout(30_000);
    }

    /// <summary>A fresh browser context (empty local storage) on the host, at a screen size and a browser language; a
    /// touch screen is a phone's (touch events, the mobile viewport).</summary>
    public async Task<IPage> OpenAsync(string path, (int Width, int Height)? screen = null, string locale = "en-US", Uri? host = null, bool touch = false)
    {
        var (width, height) = screen ?? WallScreen;
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = (host ?? Host.BaseAddress).ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
            TimezoneId = "Europe/Berlin",
            HasTouch = touch,
            IsMobile = touch,
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            await Browser.DisposeAsync();
            _playwright.Dispose();
        }
        await Host.DisposeAsync();
    }
}

/// <summary>The host on the demo province as <c>./citybrain.sh run</c> opens it: a province, its cities, their districts.</summary>
public sealed class ProvinceCockpitFixture() : CockpitFixture([$"--regions={DemoProvince}"])
{
    public static string DemoProvince => Path.Combine(AppContext.BaseDirectory, "regions", "demo-province.json");
}

[CollectionDefinition(Name)]
public sealed class CockpitCollection : ICollectionFixture<CockpitFixture>
{
    public const string Name = "cockpit";
}

[CollectionDefinition(Name)]
public sealed class ProvinceCockpitCollection : ICollectionFixture<ProvinceCockpitFixture>
{
    public const string Name = "province cockpit";
}
