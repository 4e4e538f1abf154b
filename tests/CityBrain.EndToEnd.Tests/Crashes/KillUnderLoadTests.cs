using System.Diagnostics;
using CityBrain.Host.Api;
using CityBrain.Testing;
using MQTTnet;
using Xunit.Abstractions;

namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>The real host process, killed with SIGKILL at random moments while six devices in three districts publish
/// two hours of late reports, restarted on the same data each time; the devices resend whatever had no PUBACK, as a
/// gateway's outbox does. Afterwards every count and hourly mean must be exactly what the acknowledged reports imply.</summary>
[Collection(CrashCollection.Name)]
public sealed class KillUnderLoadTests(ITestOutputHelper log)
{
    private static readonly string[] Districts = ["haidian", "chaoyang", "fengtai"];

    [Fact]
    public async Task Killing_the_host_under_load_loses_no_acknowledged_report_and_counts_none_twice()
    {
        var seed = Crash.Seed();
        var random = new Random(seed);
        log.WriteLine($"seed {seed} (set CITYBRAIN_CRASH_SEED={seed} to replay the same kills)");
        var hours = Crash.PastHours(2);
        var clock = Stopwatch.StartNew();
        await using var host = await HostProcess.StartAsync();
        log.WriteLine($"host up in {clock.Elapsed.TotalSeconds:0.0} s; data {host.DataDirectory}");
        try
        {
            var devices = Enumerable.Range(0, 6).Select(d =>
            {
                var id = $"crash-a-{d}";
                return new OutboxDevice(host.MqttPort, Districts[d / 2], id, Crash.Reports(id, d, hours, firstSequence: 1_000 + d * 10_000));
            }).ToList();
            var total = devices.Sum(d => d.Reports.Count);

            // Kills land at random points of the publishing, one in each stretch of it, at least a few acknowledgements
            // after the previous restart (or none: then the kill hits the reconnecting devices and the journal replay).
            var kills = random.Next(4, 6);
            var plan = Enumerable.Range(0, kills).Select(k => new KillPlan(
                Threshold: (int)(total * (0.05 + 0.8 * (k + random.NextDouble()) / kills)),
                AfterRestart: random.Next(0, 30),
                Jitter: TimeSpan.FromMilliseconds(random.Next(0, 250)),
                Down: TimeSpan.FromMilliseconds(random.Next(0, 1_500)),
                SendAgain: random.Next(1, 6))).ToList();
            foreach (var k in plan)
            {
                log.WriteLine($"planned kill: at {k.Threshold}/{total} acknowledged (at least {k.AfterRestart} after the restart), +{k.Jitter.TotalMilliseconds} ms, " +
                    $"down {k.Down.TotalMilliseconds} ms, then each device sends its last {k.SendAgain} acknowledged reports again");
            }

            int Acknowledged() => devices.Sum(d => d.Acknowledged);
            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            // Each kill comes while the devices publish, and before half of what is left after its point is acknowledged.
            var limit = new PublishLimit(Acknowledged, 0);
            var publishing = devices.Select(d => Task.Run(() => d.RunAsync(TimeSpan.FromMilliseconds(40), stop.Token, limit))).ToList();
            var atKill = new List<int>();
            var sentAgain = 0;
            var readyAt = 0;
            foreach (var k in plan)
            {
                var point = Math.Max(k.Threshold, readyAt + k.AfterRestart);
                limit.Raise(Math.Max(limit.Limit, point + (total - point) / 2));
                await Crash.UntilAsync(() => Acknowledged() >= point || publishing.Any(p => p.IsFaulted),
                    $"{point} acknowledgements before a kill", TimeSpan.FromSeconds(90), host);
                if (publishing.FirstOrDefault(p => p.IsFaulted) is { } failed) await failed;
                await Task.Delay(k.Jitter);
                atKill.Add(Acknowledged());
                await host.KillAsync();
                log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: killed at {atKill[^1]}/{total} acknowledged");
                await Task.Delay(k.Down);
                await host.StartAsync();
                readyAt = Acknowledged();
                // A gateway that lost power with it may also have lost the deletes of its last acknowledgements: it
                // sends those reports again, and the cluster, which may not have saved them yet, must know them.
                var again = devices.Where(d => !d.Done).Select(d => d.SendAgain(k.SendAgain)).Sum();
                sentAgain += again;
                log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: restarted, {readyAt}/{total} acknowledged; {again} acknowledged reports sent again");
            }
            limit.Raise(total);
            await Task.WhenAll(publishing);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: every report acknowledged");
            foreach (var d in devices)
            {
                log.WriteLine($"{d.DeviceId}: {d.Publishes} publishes for {d.Reports.Count} reports, {d.Resent} resent before a PUBACK, {d.SentAgain} sent again after one; " +
                    string.Join(", ", d.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
            }

            var expected = AcknowledgedTruth.Points(devices, hours, Crash.Quantities);
            var left = await AcknowledgedTruth.SettleAsync(host, devices, expected, TimeSpan.FromSeconds(180));
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {(left.Count == 0 ? "settled" : $"still {left.Count} differences:\n" + string.Join('\n', left))}");
            foreach (var d in devices)
            {
                var device = await host.GetAsync<DeviceResponse>($"/api/devices/{d.DeviceId}");
                log.WriteLine($"{d.DeviceId}: accepted {device!.Accepted}, duplicates {device.Duplicates}, late readings {device.LateReadings}");
                Assert.True(device.Duplicates >= 0);
            }

            Assert.Equal(kills, atKill.Count);
            // Acknowledged reports did come back, and each was acknowledged again without counting twice (below).
            Assert.True(sentAgain > 0, "no acknowledged report was sent again");
            Assert.Equal(sentAgain, devices.Sum(d => d.SentAgain));
            Assert.All(atKill, n => Assert.True(n < total, $"a kill came after publishing ended ({n}/{total})"));
            // The cluster never refused a report for good: every one was valid and on the device's own topic.
            string[] refusals = [nameof(MqttClientPublishReasonCode.PayloadFormatInvalid), nameof(MqttClientPublishReasonCode.NotAuthorized),
                nameof(MqttClientPublishReasonCode.TopicNameInvalid)];
            Assert.DoesNotContain(devices.SelectMany(d => d.Outcomes.Keys), o => refusals.Any(r => o.EndsWith(r, StringComparison.Ordinal)));
            await AcknowledgedTruth.AssertAgreesAsync(host, devices, expected);
            host.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(host.LogTail(200));
            throw;
        }
    }

    private sealed record KillPlan(int Threshold, int AfterRestart, TimeSpan Jitter, TimeSpan Down, int SendAgain);
}
