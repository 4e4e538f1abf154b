using System.Diagnostics;
using CityBrain.Testing;
using Xunit.Abstractions;

namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>A closed hour changed by late reports, and the host killed while that change travels upward: before the
/// devices closed the hour again, or after they wrote their new shares and told the district, while the district sums
/// the hour and before it saved. After each restart the district's and the city's hour must be the devices' means,
/// recovered from the shares the devices stored.</summary>
[Collection(CrashCollection.Name)]
public sealed class LateShareKillTests(ITestOutputHelper log)
{
    private const string Changed = "tongzhou";
    private const string Steady = "daxing";

    [Fact]
    public async Task A_district_killed_while_late_shares_arrive_recovers_its_hour_from_the_stored_shares()
    {
        var seed = Crash.Seed();
        var random = new Random(seed);
        log.WriteLine($"seed {seed} (set CITYBRAIN_CRASH_SEED={seed} to replay the same kills)");
        var hour = Crash.PastHours(2)[0];
        IReadOnlyList<Indicators.Time.ClockHour> hours = [hour];
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartAsync();
        try
        {
            // Three devices whose hour is valid with its first 45 minutes, and one beside them in another district.
            var devices = Enumerable.Range(0, 3)
                .Select(d => new OutboxDevice(host.MqttPort, Changed, $"crash-b-{d}", Crash.Reports($"crash-b-{d}", d, hours, 1, m => m < 45)))
                .Append(new OutboxDevice(host.MqttPort, Steady, "crash-b-3", Crash.Reports("crash-b-3", 3, hours, 1)))
                .ToList();
            var changing = devices.Where(d => d.District == Changed).ToList();
            await PublishAsync(devices);
            var settled = await AcknowledgedTruth.SettleAsync(host, devices, AcknowledgedTruth.Points(devices, hours, Crash.Quantities), TimeSpan.FromSeconds(180));
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: first 45 minutes {(settled.Count == 0 ? "settled" : "NOT settled: " + string.Join("; ", settled))}");
            await AcknowledgedTruth.AssertAgreesAsync(host, devices, AcknowledgedTruth.Points(devices, hours, Crash.Quantities));

            // Three bursts of five late minutes each; the first kill comes before the devices close the hour again,
            // the others once they wrote their new shares, at a random moment of the district's summing and saving.
            for (var round = 0; round < 3; round++)
            {
                var first = 45 + 5 * round;
                foreach (var (device, d) in changing.Select((x, i) => (x, i)))
                {
                    device.Add(Crash.Reports(device.DeviceId, d, hours, 1, m => m >= first && m < first + 5));
                }
                await PublishAsync(changing);
                var expected = AcknowledgedTruth.Points(devices, hours, Crash.Quantities);
                var afterShares = round > 0;
                if (afterShares)
                {
                    var deviceHours = expected.Where(p => p.What.StartsWith("device ", StringComparison.Ordinal) && changing.Any(d => p.What.Contains(d.DeviceId, StringComparison.Ordinal))).ToList();
                    await Crash.UntilAsync(async () => (await AcknowledgedTruth.MismatchesAsync(host, changing, deviceHours)).Count == 0,
                        "the devices' new hourly means", TimeSpan.FromSeconds(60), host);
                }
                var jitter = TimeSpan.FromMilliseconds(afterShares ? random.Next(0, 1_500) : random.Next(0, 800));
                await Task.Delay(jitter);
                // Only for the log: how far the change had travelled when the host died.
                var district = expected.Where(p => p.What.StartsWith($"district {Changed}", StringComparison.Ordinal)).ToList();
                var summed = (await AcknowledgedTruth.MismatchesAsync(host, [], district)).Count == 0;
                await host.KillAsync();
                log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: minutes {first}-{first + 4} in; killed {jitter.TotalMilliseconds} ms after " +
                    (afterShares ? "the devices' new means were visible" : "the last PUBACK") + $", the district's history {(summed ? "already" : "not yet")} updated");
                await host.StartAsync();
                var left = await AcknowledgedTruth.SettleAsync(host, devices, expected, TimeSpan.FromSeconds(180));
                log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: restarted; {(left.Count == 0 ? "settled" : "still different:\n" + string.Join('\n', left))}");
                await AcknowledgedTruth.AssertAgreesAsync(host, devices, expected);
            }
            host.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(host.LogTail(200));
            throw;
        }
    }

    private static async Task PublishAsync(IReadOnlyList<OutboxDevice> devices)
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await Task.WhenAll(devices.Select(d => Task.Run(() => d.RunAsync(TimeSpan.Zero, stop.Token))));
    }
}
