using System.Diagnostics;
using CityBrain.Testing;
using Xunit.Abstractions;

namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>A device whose hour is still to close when the host restarts, and which reports nothing more: a gateway that
/// died, or one that delivered a backlog and went quiet. Its hour must still close after the restart, on time, without
/// anyone asking for the device.</summary>
/// <remarks>Not in <see cref="CrashCollection"/>: most of each case is the <see cref="CloseDelay"/> spent waiting with
/// one device publishing every 550 ms, so it barely loads the machine, and run among the crash tests it made the
/// project wait almost four minutes for it. It runs beside them instead.</remarks>
[Collection(Name)]
public sealed class SilentDeviceRestartTests(ITestOutputHelper log)
{
    private const string Name = "silent device restarts";

    /// <summary>Longer than the look-back of the host's start-up recovery with these settings (twice the save period
    /// plus a minute, 64 s, from the journal's last report), shorter than this test may take.</summary>
    private static readonly TimeSpan CloseDelay = TimeSpan.FromSeconds(75);

    // A device whose hour close was pending when the host went down (its close timer dies with the process) and that
    // reports nothing more must still close that hour: JournalRecovery wakes it, after a kill and after a clean stop
    // (an upgrade) alike.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_device_silent_since_before_a_restart_still_closes_its_pending_hour(bool killed)
    {
        var hours = Crash.PastHours(2);
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartAsync(null, $"--Grains:HourCloseDelay={CloseDelay:c}");
        try
        {
            // Sixty late minutes: the device's hour is complete, and closes CloseDelay after the last of them arrived.
            var silent = new OutboxDevice(host.MqttPort, "shunyi", "crash-s-silent", Crash.Reports("crash-s-silent", 0, [hours[0]], 1));
            await PublishAsync(silent, TimeSpan.Zero);
            var closesAt = clock.Elapsed + CloseDelay;
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: the silent device's hour is due to close at {closesAt.TotalSeconds:0.0} s");

            // Another device goes on reporting, so that the journal's last report is recent when the host goes down.
            var talker = new OutboxDevice(host.MqttPort, "mentougou", "crash-s-talker", Crash.Reports("crash-s-talker", 1, hours, 1));
            await PublishAsync(talker, TimeSpan.FromMilliseconds(550));
            await Crash.UntilAsync(() => clock.Elapsed >= closesAt - TimeSpan.FromSeconds(7), "the moment to restart", TimeSpan.FromSeconds(90));
            if (killed) await host.KillAsync();
            else await host.StopAsync();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: host {(killed ? "killed" : "stopped")}; the talker's last report came {talker.Reports.Count} reports after the silent device's");
            await host.StartAsync();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: restarted");

            // Only the silent device's district is read: asking for the device would activate it (and the talker's own
            // hours, in its district and the city, close later than this test waits).
            var expected = AcknowledgedTruth.Points([silent], [hours[0]], Crash.Quantities, withDevices: false)
                .Where(p => p.What.StartsWith("district shunyi", StringComparison.Ordinal)).ToList();
            // A generous bound: under load the restart alone may take half a minute; the wait ends as soon as the hour closed.
            var wait = closesAt + TimeSpan.FromSeconds(120) - clock.Elapsed;
            var left = await AcknowledgedTruth.SettleAsync(host, [], expected, wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: {(left.Count == 0 ? "the hour closed" : "still missing:\n" + string.Join('\n', left))}");
            if (left.Count > 0)
            {
                // For the report only: asking for the device activates it, and the hour closes at once.
                await host.Http.GetAsync("/api/devices/crash-s-silent");
                var after = await AcknowledgedTruth.SettleAsync(host, [], expected, TimeSpan.FromSeconds(20));
                log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: after GET /api/devices/crash-s-silent: {(after.Count == 0 ? "the hour closed" : "still missing")}");
            }
            Assert.Empty(left);
            host.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(host.LogTail(120));
            throw;
        }
    }

    private static async Task PublishAsync(OutboxDevice device, TimeSpan pace)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await device.RunAsync(pace, stop.Token);
    }
}
