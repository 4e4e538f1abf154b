using System.Diagnostics;
using System.Net;
using CityBrain.EndToEnd.Tests.Crashes;
using CityBrain.Testing;
using Xunit.Abstractions;

namespace CityBrain.EndToEnd.Tests.Cluster;

/// <summary>Three silos in separate processes on a shared Redis and PostgreSQL, six devices in three districts
/// publishing two hours of reports to whichever silo they reach. One silo is killed with SIGKILL under load: its devices
/// move to the survivors and resend what had no PUBACK, its grains come back on the survivors from PostgreSQL, and
/// afterwards every device, district and city hour is exactly what the acknowledged reports imply. The same for a
/// rolling restart, each silo stopped and started again in turn.</summary>
[Collection(CrashCollection.Name)]
public sealed class SiloLossTests(ITestOutputHelper log)
{
    private static readonly string[] Districts = ["haidian", "chaoyang", "fengtai"];

    [Fact]
    public async Task Killing_one_of_three_silos_under_load_loses_nothing_and_counts_nothing_twice()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalCluster.StartAsync(3);
        log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: three silos up");
        try
        {
            var hours = Crash.PastHours(2);
            var devices = Enumerable.Range(0, 6).Select(d =>
            {
                var id = $"silo-loss-{d}";
                return new OutboxDevice(cluster.MqttPorts, Districts[d / 2], id, Crash.Reports(id, d, hours, firstSequence: 1 + d * 10_000));
            }).ToList();
            var total = devices.Sum(d => d.Reports.Count);
            int Acknowledged() => devices.Sum(d => d.Acknowledged);

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var limit = new PublishLimit(Acknowledged, total * 2 / 5);
            var publishing = devices.Select(d => Task.Run(() => d.RunAsync(TimeSpan.FromMilliseconds(20), stop.Token, limit))).ToList();
            await Crash.UntilAsync(() => limit.Reached || publishing.Any(p => p.IsFaulted),
                "two fifths of the reports acknowledged", TimeSpan.FromSeconds(120));
            if (publishing.FirstOrDefault(p => p.IsFaulted) is { } failed) await failed;
            // Released just before the kill, so that it lands among publishes in flight.
            limit.Raise(total);

            // The silo most devices publish to, so that the kill certainly cuts some of them off.
            var victim = cluster.Silos.MaxBy(s => devices.Count(d => d.Port == s.MqttPort))!;
            var cutOff = devices.Where(d => d.Port == victim.MqttPort).ToList();
            var atKill = Acknowledged();
            await victim.KillAsync();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: killed the silo on MQTT {victim.MqttPort} at {atKill}/{total} acknowledged; " +
                $"{cutOff.Count} devices were on it");

            // While the cluster has not yet declared the silo dead, a request needing one of its grains cannot be
            // answered: the survivors must say so (503, retry later), never fail as if the API were broken.
            var answers = new List<(HttpStatusCode Status, bool RetryAfter)>();
            var everyone = Task.WhenAll(publishing);
            do
            {
                foreach (var silo in cluster.Running)
                {
                    using var response = await silo.Http.GetAsync("/api/regions/demo-city");
                    answers.Add((response.StatusCode, response.Headers.RetryAfter is not null));
                }
            }
            while (await Task.WhenAny(everyone, Task.Delay(200)) != everyone);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: /api/regions/demo-city on the survivors while they took over: " +
                string.Join(", ", answers.GroupBy(a => a.Status).Select(g => $"{(int)g.Key} x{g.Count()}")));
            await everyone;
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: every report acknowledged");
            foreach (var d in devices)
            {
                log.WriteLine($"{d.DeviceId}: {d.Publishes} publishes for {d.Reports.Count} reports, {d.Resent} resent, {d.Failovers} failovers; " +
                    string.Join(", ", d.Outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
            }

            var survivor = cluster.Running.First();
            var expected = AcknowledgedTruth.Points(devices, hours, Crash.Quantities);
            var left = await AcknowledgedTruth.SettleAsync(survivor, devices, expected, TimeSpan.FromSeconds(180));
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {(left.Count == 0 ? "settled" : $"still {left.Count} differences:\n" + string.Join('\n', left))}");

            Assert.NotEmpty(cutOff);
            Assert.True(atKill < total, "the kill came after publishing ended");
            Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK || (a.Status == HttpStatusCode.ServiceUnavailable && a.RetryAfter),
                $"a survivor answered {(int)a.Status}{(a.RetryAfter ? "" : " without Retry-After")}"));
            Assert.All(cutOff, d => Assert.True(d.Failovers > 0, $"{d.DeviceId} never moved off the dead silo"));
            Assert.Equal(total, Acknowledged());
            await AcknowledgedTruth.AssertAgreesAsync(survivor, devices, expected);
            // Any survivor answers for the whole city, from the same shared stores.
            foreach (var silo in cluster.Running)
            {
                Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/api/regions/demo-city")).StatusCode);
                await AcknowledgedTruth.AssertAgreesAsync(silo, devices, expected);
            }
            Assert.NotEmpty(cluster.Running.SelectMany(s => s.LogLines("was declared dead")));
            foreach (var silo in cluster.Silos) silo.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(cluster.LogTails());
            throw;
        }
    }

    [Fact]
    public async Task A_rolling_restart_of_every_silo_under_load_loses_nothing_and_counts_nothing_twice()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalCluster.StartAsync(2);
        try
        {
            var hours = Crash.PastHours(2);
            var devices = Enumerable.Range(0, 4).Select(d =>
            {
                var id = $"rolling-{d}";
                return new OutboxDevice(cluster.MqttPorts, Districts[d % 3], id, Crash.Reports(id, d, hours, firstSequence: 1 + d * 10_000));
            }).ToList();
            var total = devices.Sum(d => d.Reports.Count);
            int Acknowledged() => devices.Sum(d => d.Acknowledged);

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
            // A quarter of the reports before each restart, and the next quarter going on while it happens.
            var limit = new PublishLimit(Acknowledged, total / 4);
            var publishing = devices.Select(d => Task.Run(() => d.RunAsync(TimeSpan.FromMilliseconds(60), stop.Token, limit))).ToList();
            var atRestart = new List<int>();
            foreach (var silo in cluster.Silos)
            {
                await Crash.UntilAsync(() => limit.Reached || publishing.Any(p => p.IsFaulted),
                    "reports acknowledged before the next restart", TimeSpan.FromSeconds(120));
                if (publishing.FirstOrDefault(p => p.IsFaulted) is { } failed) await failed;
                atRestart.Add(Acknowledged());
                limit.Raise((atRestart.Count + 1) * total / 4);
                // As an operator upgrading the cluster does: one silo at a time, stopped in order, started again.
                await silo.StopAsync();
                await silo.StartAsync();
                log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: restarted the silo on MQTT {silo.MqttPort} (at {atRestart[^1]}/{total} acknowledged)");
            }
            limit.Raise(total);

            await Task.WhenAll(publishing);
            var expected = AcknowledgedTruth.Points(devices, hours, Crash.Quantities);
            var left = await AcknowledgedTruth.SettleAsync(cluster.Silos[0], devices, expected, TimeSpan.FromSeconds(180));
            log.WriteLine(left.Count == 0 ? "settled" : $"still {left.Count} differences:\n" + string.Join('\n', left));

            Assert.Equal(cluster.Silos.Count, atRestart.Count);
            Assert.All(atRestart, n => Assert.True(n < total, $"a restart came after publishing ended ({n}/{total})"));
            Assert.Equal(total, Acknowledged());
            Assert.True(devices.Sum(d => d.Failovers) > 0, "no device ever moved to the other silo");
            await AcknowledgedTruth.AssertAgreesAsync(cluster.Silos[0], devices, expected);
            foreach (var s in cluster.Silos) s.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(cluster.LogTails());
            throw;
        }
    }
}
