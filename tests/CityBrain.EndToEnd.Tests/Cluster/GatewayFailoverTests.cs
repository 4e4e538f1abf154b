using System.Diagnostics;
using CityBrain.Contracts.Security;
using CityBrain.EndToEnd.Tests.Crashes;
using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Testing;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace CityBrain.EndToEnd.Tests.Cluster;

/// <summary>Real edge gateways (the SQLite outbox, the MQTT link with every silo's broker in its list, the pump, all from
/// CityBrain.Edge.Gateway) reporting to two silos in separate processes. The silo they are connected to is killed with
/// SIGKILL while they report: they fail over to the survivor on their own, the reports committed meanwhile wait in
/// their outboxes and drain there, and afterwards the cluster has counted every report exactly once.</summary>
[Collection(CrashCollection.Name)]
public sealed class GatewayFailoverTests(ITestOutputHelper log)
{
    /// <summary>Two devices in one district, so that a district hour is a mean over more than one device.</summary>
    private static readonly (string DeviceId, string District)[] Devices =
        [("failover-gw-0", "haidian"), ("failover-gw-1", "haidian"), ("failover-gw-2", "chaoyang")];

    /// <summary>Fast enough that the second or two of the failover catches dozens of reports in the outboxes, slow
    /// enough that they are committed while it happens rather than all before the kill.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(40);

    [Fact]
    public async Task Gateways_fail_over_from_a_killed_silo_and_every_report_in_their_outboxes_counts_once()
    {
        var clock = Stopwatch.StartNew();
        await using var cluster = await LocalCluster.StartAsync(2);
        log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: two silos up on MQTT {string.Join(", ", cluster.MqttPorts)}");
        var outboxes = Directory.CreateTempSubdirectory("citybrain-failover-gw-").FullName;
        var gateways = new List<EdgeGateway>();
        try
        {
            foreach (var (deviceId, district) in Devices) gateways.Add(EdgeGateway.Start(deviceId, district, cluster.MqttPorts, outboxes));
            var hours = Crash.PastHours(1);
            // Only their windows and readings: the gateway numbers each report itself when its outbox commits it.
            var plans = gateways.Select((g, i) => Crash.Reports(g.DeviceId, i, hours, firstSequence: 1)).ToList();
            var total = plans.Sum(p => p.Count);
            int Acknowledged() => (int)gateways.Sum(g => g.Publisher.Pump.Delivered);

            using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            var limit = new PublishLimit(Acknowledged, total / 3);
            // The last sixth of each plan waits until the cut-off gateways are on the survivor, so that some reports are
            // certainly committed after the failover as well, not only into outboxes that could not send.
            var tail = plans[0].Count * 5 / 6;
            var onSurvivor = 0;
            bool Held(int index) => limit.Reached || (index >= tail && Volatile.Read(ref onSurvivor) == 0);
            var reporting = gateways.Select((g, i) => Task.Run(() => g.ReportAsync(plans[i], Pace, Held, stop.Token))).ToList();
            bool Broken() => reporting.Any(r => r.IsFaulted) || gateways.Any(g => g.Running.IsCompleted);

            await Crash.UntilAsync(() => (limit.Reached && gateways.All(g => g.Link.State.Condition == LinkCondition.Connected)) || Broken(),
                "a third of the reports acknowledged", TimeSpan.FromSeconds(120));
            await SurfaceAsync(reporting, gateways);

            var links = gateways.Select(g => (Gateway: g, g.Link.State.Condition, g.Link.Broker)).ToList();
            var victim = cluster.Silos.MaxBy(s => links.Count(l => l.Broker.Port == s.MqttPort))!;
            var survivor = cluster.Silos.Single(s => s != victim);
            var cutOff = links.Where(l => l.Broker.Port == victim.MqttPort).Select(l => l.Gateway).ToList();
            // Released just before the kill, so that it lands among commits and publishes in flight.
            limit.Raise(total);
            var atKill = Acknowledged();
            await victim.KillAsync();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: killed the silo on MQTT {victim.MqttPort} at {atKill}/{total} acknowledged; " +
                $"on it: {string.Join(", ", cutOff.Select(g => g.DeviceId))}");

            await Crash.UntilAsync(() => cutOff.All(g => g.IsOn(survivor.MqttPort)) || Broken(),
                "the cut-off gateways connected to the survivor", TimeSpan.FromSeconds(120));
            await SurfaceAsync(reporting, gateways);
            Volatile.Write(ref onSurvivor, 1);
            var waiting = new List<long>();
            foreach (var g in gateways) waiting.Add((await g.BacklogAsync()).Depth);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: on the survivor; outbox backlogs {string.Join(", ", waiting)}");

            await Crash.UntilAsync(async () => Broken() || (reporting.All(r => r.IsCompleted) && await BacklogAsync(gateways) == 0),
                "every outbox drained", TimeSpan.FromSeconds(120));
            await SurfaceAsync(reporting, gateways);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: every outbox drained");

            var backlogs = new List<OutboxBacklog>();
            foreach (var g in gateways) backlogs.Add(await g.BacklogAsync());
            foreach (var (g, backlog) in gateways.Zip(backlogs))
            {
                log.WriteLine($"{g.DeviceId}: {g.Reports.Count} reports, {g.Publisher.Pump.Delivered} PUBACKs, {g.Link.Connects} connects, " +
                    $"{g.Link.Failovers} failovers, now {g.Link.State.Detail}; outbox {backlog}");
            }
            // Nothing left the outboxes except by its PUBACK: none thinned, dropped or set aside as refused.
            Assert.All(backlogs, b => Assert.Equal(new OutboxBacklog(0, null, b.NextSequence, 0, 0, 0), b));
            foreach (var g in gateways) g.AllDelivered();

            var expected = AcknowledgedTruth.Points(gateways, hours, Crash.Quantities);
            var left = await AcknowledgedTruth.SettleAsync(survivor, gateways, expected, TimeSpan.FromSeconds(180));
            log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {(left.Count == 0 ? "settled" : $"still {left.Count} differences:\n" + string.Join('\n', left))}");

            Assert.All(links, l => Assert.Equal(LinkCondition.Connected, l.Condition));
            Assert.NotEmpty(cutOff);
            Assert.True(atKill < total, "the kill came after every report was acknowledged");
            Assert.All(cutOff, g => Assert.True(g.Link.Failovers > 0, $"{g.DeviceId} never failed over"));
            Assert.All(gateways, g => Assert.True(g.IsOn(survivor.MqttPort), $"{g.DeviceId}: {g.Link.State.Detail}"));
            Assert.Equal(total, gateways.Sum(g => g.Reports.Count));
            await AcknowledgedTruth.AssertAgreesAsync(survivor, gateways, expected);
            Assert.NotEmpty(survivor.LogLines("was declared dead"));
            foreach (var silo in cluster.Silos) silo.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine($"outboxes kept in {outboxes}");
            log.WriteLine(cluster.LogTails());
            throw;
        }
        finally
        {
            // What the links and pumps said, pass or fail: when they moved, and what the cluster could not take.
            foreach (var g in gateways) log.WriteLine($"----- gateway {g.DeviceId} -----{Environment.NewLine}{g.LogText()}");
            foreach (var g in gateways) await g.DisposeAsync();
        }
        Directory.Delete(outboxes, recursive: true);
    }

    private static async Task<long> BacklogAsync(IEnumerable<EdgeGateway> gateways)
    {
        var depth = 0L;
        foreach (var g in gateways) depth += (await g.BacklogAsync()).Depth;
        return depth;
    }

    /// <summary>Rethrows what stopped a gateway's reporting or its link and pump, instead of waiting for it in vain.</summary>
    private static async Task SurfaceAsync(IEnumerable<Task> reporting, IEnumerable<EdgeGateway> gateways)
    {
        if (reporting.FirstOrDefault(r => r.IsFaulted) is { } failed) await failed;
        if (gateways.FirstOrDefault(g => g.Running.IsCompleted) is { } ended)
        {
            await ended.Running;
            throw new InvalidOperationException($"the link and pump of {ended.DeviceId} stopped on their own");
        }
    }
}

/// <summary>One gateway made of the edge gateway's own parts, as its service assembles them: a SQLite outbox that
/// commits each report before it can be sent, an MQTT link that fails over between the brokers it is given, and the
/// pump that resends whatever has no PUBACK. It keeps every report it committed, under the sequence its outbox gave it,
/// for <see cref="AcknowledgedTruth"/>, and what the link and pump logged.</summary>
internal sealed class EdgeGateway : IReportingDevice, IAsyncDisposable
{
    private readonly LogCapture _log;
    private readonly ILoggerFactory _loggers;
    private readonly SqliteOutbox _outbox;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<PlannedReport> _reports = [];

    private EdgeGateway(string deviceId, string district, LogCapture log, ILoggerFactory loggers, SqliteOutbox outbox, GatewayPublisher publisher)
    {
        DeviceId = deviceId;
        District = district;
        _log = log;
        _loggers = loggers;
        _outbox = outbox;
        Publisher = publisher;
        Running = Task.Run(() => publisher.RunAsync(_stop.Token));
    }

    public string DeviceId { get; }

    public string District { get; }

    public GatewayPublisher Publisher { get; }

    public MqttLink Link => Publisher.Link;

    /// <summary>The link and the pump; they end only when the gateway is disposed.</summary>
    public Task Running { get; }

    public IReadOnlyList<PlannedReport> Reports
    {
        get
        {
            lock (_reports) return [.. _reports];
        }
    }

    /// <param name="mqttPorts">Every silo's broker, in the same order for every gateway: the link shuffles them itself.</param>
    public static EdgeGateway Start(string deviceId, string district, IReadOnlyList<int> mqttPorts, string outboxDirectory)
    {
        var log = new LogCapture();
        var loggers = LoggerFactory.Create(b => b.AddProvider(log));
        var outbox = SqliteOutbox.Open(Path.Combine(outboxDirectory, $"{deviceId}.db"), new OutboxOptions(), TimeProvider.System, loggers.CreateLogger<SqliteOutbox>());
        // The password the silos derive from the test fleet's secret, as for every test device.
        var link = new LinkOptions(deviceId, district, [.. mqttPorts.Select(p => new BrokerAddress("127.0.0.1", p))],
            DerivedPassword.For(HostProcess.FleetSecret, deviceId));
        var publisher = new GatewayPublisher(outbox, link, new PumpOptions(), TimeProvider.System, loggers);
        return new EdgeGateway(deviceId, district, log, loggers, outbox, publisher);
    }

    /// <summary>Connected, and to that broker.</summary>
    public bool IsOn(int mqttPort) => Link.IsConnected && Link.State.Condition == LinkCondition.Connected && Link.Broker.Port == mqttPort;

    /// <summary>Commits the planned windows one by one, <paramref name="pace"/> apart, each only once
    /// <paramref name="held"/> lets it go, as the gateway's window reporter does at the end of each window.</summary>
    public async Task ReportAsync(IReadOnlyList<PlannedReport> plan, TimeSpan pace, Func<int, bool> held, CancellationToken cancellationToken)
    {
        for (var i = 0; i < plan.Count; i++)
        {
            while (held(i)) await Task.Delay(20, cancellationToken);
            var planned = plan[i];
            var sequence = await Publisher.PublishAsync(planned.WindowStart, TimeSpan.FromMinutes(1), planned.Readings, cancellationToken);
            lock (_reports) _reports.Add(new PlannedReport(DeviceId, sequence, planned.WindowStart, planned.Readings));
            await Task.Delay(pace, cancellationToken);
        }
    }

    public Task<OutboxBacklog> BacklogAsync() => Publisher.Outbox.BacklogAsync();

    /// <summary>The outbox deletes a report only on its PUBACK, unless it thinned, dropped or set it aside: once the
    /// caller has seen that it is empty and did none of these, every report it committed was acknowledged.</summary>
    public void AllDelivered()
    {
        lock (_reports)
        {
            foreach (var report in _reports) report.Acknowledge();
        }
    }

    public string LogText() => string.Join(Environment.NewLine, _log.Entries);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        // A fault of the link or pump was reported where the test noticed it; here it only must not hide the cause.
        await Running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        using (var goodbye = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await Publisher.CloseAsync(goodbye.Token);
        }
        Publisher.Dispose();
        await _outbox.DisposeAsync();
        _loggers.Dispose();
        _stop.Dispose();
    }
}
