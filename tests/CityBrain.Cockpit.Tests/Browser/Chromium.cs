using Microsoft.Playwright;

namespace CityBrain.Cockpit.Tests.Browser;

/// <summary>Debian's Chromium, driven by Playwright; no browser is ever downloaded.</summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static bool IsInstalled => File.Exists(ExecutablePath);

    public static BrowserTypeLaunchOptions LaunchOptions => new()
    {
        ExecutablePath = ExecutablePath,
        Headless = true,
        Args =
        [
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic",
        ],
    };
}

/// <summary>A test that needs the browser: skipped, with the reason, only where Chromium is not installed.</summary>
public sealed class BrowserFactAttribute : FactAttribute
{
    public BrowserFactAttribute()
    {
        if (!Chromium.IsInstalled) Skip = $"Chromium is not installed at {Chromium.ExecutablePath} (apt-get install chromium; ./citybrain.sh test does)";
    }
}
