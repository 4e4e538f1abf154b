using System.Diagnostics;
using CityBrain.Testing;

namespace CityBrain.Cockpit.Tests;

/// <summary>The launcher a wall screen boots with (<c>cluster/CityBrain.Cockpit/kiosk.sh</c>): a page opened before the
/// host is up would stay on the browser's error page, so the browser starts only once the host answers.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public class KioskTests
{
    [Fact]
    public async Task The_kiosk_starts_the_browser_only_once_the_host_answers()
    {
        var host = await RunningHost.StartAsync();
        var url = new Uri(host.BaseAddress, "/?wall=1&cycle=30").ToString();
        await host.DisposeAsync();
        var folder = Directory.CreateTempSubdirectory("citybrain-kiosk-").FullName;
        var log = Path.Combine(folder, "browser.log");
        // Chromium as the launcher sees it: it notes how it was started and stays open.
        var browser = Path.Combine(folder, "chromium");
        await File.WriteAllTextAsync(browser, $"#!/bin/sh\necho \"$@\" >> '{log}'\nexec sleep 600\n");
        File.SetUnixFileMode(browser, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var start = new ProcessStartInfo("bash", [RepositoryFiles.Path("cluster", "CityBrain.Cockpit", "kiosk.sh"), url]) { RedirectStandardError = true };
        start.Environment["PATH"] = $"{folder}:{Environment.GetEnvironmentVariable("PATH")}";
        using var kiosk = Process.Start(start)!;
        try
        {
            // Two polls refused, and no browser yet.
            for (var waiting = 0; waiting < 2;)
            {
                var line = await kiosk.StandardError.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(1))
                    ?? throw new InvalidOperationException("the kiosk launcher ended while the host was down");
                if (line.Contains("waiting for", StringComparison.Ordinal)) waiting++;
            }
            Assert.False(File.Exists(log), "the browser was started before the host answered");

            host = await host.StartAgainAsync();

            await RunningHost.EventuallyAsync(() => Task.FromResult(File.Exists(log)), started => started, "the browser to start", TimeSpan.FromMinutes(1));
            var arguments = await File.ReadAllTextAsync(log);
            Assert.Contains("--kiosk", arguments);
            Assert.Contains(url, arguments);
        }
        finally
        {
            kiosk.Kill(entireProcessTree: true);
            await host.DisposeAsync();
        }
    }
}
