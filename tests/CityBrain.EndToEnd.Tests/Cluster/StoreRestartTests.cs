using System.Diagnostics;
using CityBrain.EndToEnd.Tests.Crashes;
using CityBrain.Testing;
using Xunit.Abstractions;

namespace CityBrain.EndToEnd.Tests.Cluster;

/// <summary>The shared servers restarted under two silos taking reports. PostgreSQL stopped as a power cut would
/// (immediate shutdown) and started again: ingest pauses with one clear log line (the devices' publishes are refused,
/// not acknowledged, so they keep them), resumes when the server is back, and every acknowledged report counts exactly
/// once. Redis killed and started again: nothing pauses, and the cluster is whole afterwards.</summary>
[Collection(CrashCollection.Name)]
public sealed class StoreRestartTests(ITestOutputHelper log)
{
    [Fact]
    public async Task A_postgresql_restart_during_ingest_pauses_it_and_loses_nothing_acknowledged()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalCluster.StartAsync(2);
        try
        {
            var hours = Crash.PastHours(1);
            var devices = Enumerable.Range(0, 4).Select(d =>
            {
                var id = $"pg-restart-{d}";
                return new OutboxDevice(cluster.MqttPorts, d < 2 ? "haidian" : "chaoyang", id, Crash.Reports(id, d, hours, firstSequence: 1 + d * 10_000));
            }).ToList();
            var total = devices.Sum(d => d.Reports.Count);
            int Acknowledged() => devices.Sum(d => d.Acknowledged);

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var limit = new PublishLimit(Acknowledged, total / 3);
            var publishing = devices.Select(d => Task.Run(() => d.RunAsync(TimeSpan.FromMilliseconds(20), stop.Token, limit))).ToList();
            await Crash.UntilAsync(() => limit.Reached || publishing.Any(p => p.IsFaulted), "a third of the reports acknowledged", TimeSpan.FromSeconds(120));
            if (publishing.FirstOrDefault(p => p.IsFaulted) is { } failed) await failed;
            // The devices publish on into the outage, and stop short of the end until the server is back.
            limit.Raise(total * 2 / 3);

            await cluster.Postgres.StopAsync(immediate: true);
            var atStop = Acknowledged();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: PostgreSQL stopped at {atStop}/{total} acknowledged");
            // While it is down, nothing more is acknowledged: a PUBACK would promise what no store holds.
            await Task.Delay(TimeSpan.FromSeconds(3));
            var whileDown = Acknowledged();
            await cluster.Postgres.StartAsync();
            limit.Raise(total);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: PostgreSQL started again; {whileDown - atStop} acknowledged while it was down");

            await Task.WhenAll(publishing);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: every report acknowledged");
            var expected = AcknowledgedTruth.Points(devices, hours, Crash.Quantities);
            var silo = cluster.Silos[0];
            var left = await AcknowledgedTruth.SettleAsync(silo, devices, expected, TimeSpan.FromSeconds(180));
            log.WriteLine(left.Count == 0 ? "settled" : $"still {left.Count} differences:\n" + string.Join('\n', left));

            // At most the publishes already past their commit when the server went down were acknowledged after it.
            Assert.InRange(whileDown - atStop, 0, devices.Count);
            Assert.Equal(total, Acknowledged());
            Assert.True(devices.Sum(d => d.Publishes) > total, "no publish was refused while PostgreSQL was down");
            Assert.Contains(cluster.Silos.SelectMany(s => s.LogLines("PostgreSQL")), l => l.Contains("unreachable", StringComparison.OrdinalIgnoreCase));
            await AcknowledgedTruth.AssertAgreesAsync(silo, devices, expected);
            foreach (var s in cluster.Silos) s.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(cluster.LogTails());
            throw;
        }
    }

    [Fact]
    public async Task A_redis_restart_during_ingest_leaves_the_cluster_whole_and_loses_nothing()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalCluster.StartAsync(2);
        try
        {
            var hours = Crash.PastHours(2);
            var devices = Enumerable.Range(0, 4).Select(d =>
            {
                var id = $"redis-restart-{d}";
                return new OutboxDevice(cluster.MqttPorts, d < 2 ? "haidian" : "chaoyang", id, Crash.Reports(id, d, hours, firstSequence: 1 + d * 10_000));
            }).ToList();
            var total = devices.Sum(d => d.Reports.Count);
            int Acknowledged() => devices.Sum(d => d.Acknowledged);

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            var limit = new PublishLimit(Acknowledged, total / 4);
            var publishing = devices.Select(d => Task.Run(() => d.RunAsync(TimeSpan.FromMilliseconds(100), stop.Token, limit))).ToList();
            await Crash.UntilAsync(() => limit.Reached || publishing.Any(p => p.IsFaulted), "a quarter of the reports acknowledged", TimeSpan.FromSeconds(120));
            if (publishing.FirstOrDefault(p => p.IsFaulted) is { } failed) await failed;
            // The devices publish on while Redis is away, and stop short of the end until it is back.
            limit.Raise(total * 3 / 4);

            await cluster.Redis.StopAsync(immediate: true);
            var atStop = Acknowledged();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: Redis killed at {atStop}/{total} acknowledged");
            await Task.Delay(TimeSpan.FromSeconds(3));
            var whileDown = Acknowledged();
            await cluster.Redis.StartAsync();
            var atStart = Acknowledged();
            limit.Raise(total);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: Redis started again at {atStart}/{total}; {whileDown - atStop} acknowledged while it was down");

            await Task.WhenAll(publishing);
            var expected = AcknowledgedTruth.Points(devices, hours, Crash.Quantities);
            var left = await AcknowledgedTruth.SettleAsync(cluster.Silos[1], devices, expected, TimeSpan.FromSeconds(180));
            log.WriteLine(left.Count == 0 ? "settled" : $"still {left.Count} differences:\n" + string.Join('\n', left));

            Assert.True(atStart < total, "publishing ended before Redis was back");
            Assert.Equal(total, Acknowledged());
            // Membership is only needed when silos join or leave: grain calls, and so ingest, go on without Redis.
            Assert.True(whileDown > atStop, "nothing was acknowledged while Redis was down");
            Assert.All(cluster.Silos, s => Assert.True(s.IsRunning, "a silo stopped when Redis went away"));
            await AcknowledgedTruth.AssertAgreesAsync(cluster.Silos[1], devices, expected);
            foreach (var s in cluster.Silos) s.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(cluster.LogTails());
            throw;
        }
    }
}
