using System.Globalization;
using CityBrain.Edge.Link;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.GroundTruth;
using CityBrain.Simulators.Fleet.Reporting;
using CityBrain.Simulators.Fleet.Uplinks;
using CityBrain.Simulators.Fleet.Values;
using CityBrain.Tls;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Simulators.Fleet;

/// <summary>Runs a simulated city as a hosted service: plans the run, opens the uplinks, starts the gateways at
/// <see cref="FleetOptions.ConnectRate"/> per second, keeps the ground truth, and stops when the run's duration is over
/// or the host stops.</summary>
public sealed partial class FleetSimulator(
    IOptions<FleetOptions> options,
    FleetCounters counters,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<FleetSimulator> logger,
    IGatewayCredentials? credentials = null) : BackgroundService
{
    private static readonly TimeSpan TruthFlushPeriod = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StartBatchPeriod = TimeSpan.FromMilliseconds(100);

    private FleetRun? _run;
    private TimeProvider? _clock;
    private DateTimeOffset _realStart;
    private IReadOnlyList<IGatewayUplink> _uplinks = [];
    private BackfillProgress? _backfill;

    /// <summary>The run being simulated, once planned.</summary>
    public FleetRun? Run => _run;

    /// <summary>The simulated present, once running.</summary>
    public DateTimeOffset? SimulatedNow => _clock?.GetUtcNow();

    /// <summary>How the run went, once it is over.</summary>
    public FleetSummary? Summary { get; private set; }

    public FleetCounters Counters => counters;

    /// <summary>Completes once every gateway has sent its history (<see cref="FleetOptions.BackfillDays"/>); null until
    /// the run is planned.</summary>
    public Task<BackfillResult>? Backfill => _backfill?.Completion;

    /// <summary>Gateways whose link to the broker is up right now.</summary>
    public int GatewaysOnline => _uplinks.Count(u => u.IsConnected);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var run = _run = FleetRun.Plan(o, time, customCredentials: credentials is not null);
        var clock = _clock = run.Clock(time);
        _realStart = time.GetUtcNow();
        var air = new CityAir(run.Scenario, run.Start);
        var composer = new ReportComposer(air, run.Scenario.ReportInterval, run.Scenario.Seed);
        var truth = o.GroundTruthPath is { Length: > 0 } path
            ? await GroundTruthRecorder.CreateAsync(path, run.Description(o), run.Sites, stoppingToken)
            : null;
        var ledger = new FleetLedger(counters, truth);
        logger.LogInformation(
            "Simulating {Gateways} gateways in {Districts} districts of {City} against {Brokers} ({Uplink}), seed {Seed}, from {Start:u} at time scale {TimeScale}, {Faults} faults on {Affected} gateways",
            run.Sites.Count, run.Scenario.Districts.Count, run.Scenario.Name, string.Join(", ", FleetRun.Brokers(o)), o.Uplink, run.Scenario.Seed,
            run.Start, run.TimeScale, run.Scenario.Faults.Count, run.Faults.AffectedGateways);

        await using (var uplinks = Uplinks(o, run, ledger))
        {
            await uplinks.StartAsync(stoppingToken);
            var links = run.Sites.Select(uplinks.Create).ToList();
            _uplinks = links;
            var plan = BackfillPlan.Before(composer.Align(run.Start), o.BackfillDays, run.Scenario.TimeZone);
            var progress = _backfill = new BackfillProgress(plan.Windows.Count == 0 ? 0 : run.Sites.Count, counters, time);
            using var history = new GatewayHistory(plan, composer, o.BackfillConcurrency, progress);
            var gateways = run.Sites.Select((site, i) => new SimulatedGateway(site, run.Faults.For(site), composer, links[i], clock, run.Phase(site), o.HealthInterval, history)).ToList();
            using var flushing = new CancellationTokenSource();
            var flusher = truth is null ? Task.CompletedTask : FlushPeriodicallyAsync(truth, flushing.Token);
            var running = await StartGraduallyAsync(gateways, run.Start, run.End, stoppingToken);
            var ended = Task.WhenAll(running);
            await ReportBackfillAsync(progress, plan, ended);
            await ended;
            await flushing.CancelAsync();
            await flusher;
            foreach (var link in links) await link.DisposeAsync();
        }
        if (truth is not null)
        {
            await truth.FlushAsync(CancellationToken.None);
            // The last report covers the run's end at the latest: closing the links and flushing take real seconds, which
            // an accelerated clock turns into minutes after it, and a check would wait for hours to close that long.
            var now = clock.GetUtcNow();
            var end = run.End is { } planned && planned < now ? planned : now;
            await truth.SetRunAsync("end", end.ToString("O", CultureInfo.InvariantCulture), CancellationToken.None);
        }

        Summary = new FleetSummary(run, o.Uplink, counters.Snapshot(), time.GetUtcNow() - _realStart, clock.GetUtcNow(),
            air.EpisodesStartingBetween(run.Start, clock.GetUtcNow()).ToList());
        logger.LogInformation("Fleet stopped: {Summary}", Summary.OneLine());
        if (o.StopHostWhenDone) lifetime.StopApplication();
    }

    private IUplinkFactory Uplinks(FleetOptions o, FleetRun run, FleetLedger ledger)
    {
        var brokers = FleetRun.Brokers(o);
        var broker = new BrokerEndpoint(brokers[0].Host, brokers[0].Port)
        {
            Tls = o.BrokerCaFile is { } ca ? new LinkTls(new ServerCertificateVerifier(CertificateAuthorities.Load(ca), null, time), null, null) : null,
        };
        if (o.Uplink == UplinkMode.Shared)
        {
            return new SharedConnectionPool(broker, new MqttCredentials(o.ServiceUser!, o.ServicePassword!), o.SharedConnections, o.InFlight,
                run.Scenario.DevicePrefix, run.SequenceBase, ledger, _clock!);
        }
        var gatewayCredentials = credentials ?? new DerivedGatewayCredentials(o.FleetSecret);
        return o.Uplink == UplinkMode.Direct
            ? new DirectUplinkFactory(broker, gatewayCredentials, run.SequenceBase, ledger, _clock!)
            : new EdgeGatewayUplinkFactory(brokers, broker, gatewayCredentials, FleetRun.OutboxDirectory(o), o.DrainTimeout, ledger, time);
    }

    /// <summary>Starts <see cref="FleetOptions.ConnectRate"/> gateways per real second, in batches every 100 ms.</summary>
    private async Task<List<Task>> StartGraduallyAsync(List<SimulatedGateway> gateways, DateTimeOffset from, DateTimeOffset? until, CancellationToken stoppingToken)
    {
        var perBatch = Math.Max(1, (int)(options.Value.ConnectRate * StartBatchPeriod.TotalSeconds));
        var running = new List<Task>(gateways.Count);
        foreach (var batch in gateways.Chunk(perBatch))
        {
            if (stoppingToken.IsCancellationRequested) break;
            running.AddRange(batch.Select(g => Task.Run(() => RunGatewayAsync(g, from, until, stoppingToken), CancellationToken.None)));
            if (running.Count < gateways.Count)
            {
                await Task.Delay(StartBatchPeriod, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
        return running;
    }

    /// <summary>One gateway failing (its outbox file gone, say) is counted and logged; the rest of the city goes on.</summary>
    private async Task RunGatewayAsync(SimulatedGateway gateway, DateTimeOffset from, DateTimeOffset? until, CancellationToken stoppingToken)
    {
        try
        {
            await gateway.RunAsync(from, until, stoppingToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            counters.LinkProblem($"{gateway.Site.DeviceId} stopped: {ex.Message}");
            logger.LogError(ex, "Simulated gateway {DeviceId} stopped", gateway.Site.DeviceId);
        }
    }

    /// <summary>Logs how the history went once every gateway is through with it; a run stopped before then logs nothing.</summary>
    private async Task ReportBackfillAsync(BackfillProgress progress, BackfillPlan plan, Task gatewaysEnded)
    {
        if (plan.Windows.Count == 0) return;
        var finished = await Task.WhenAny(progress.Completion, gatewaysEnded);
        if (finished != progress.Completion) return;
        var result = await progress.Completion;
        Log.Backfilled(logger, result.Acknowledged, result.Gateways, plan.Windows[0].Start, plan.Windows[^1].End, result.Elapsed.TotalSeconds,
            result.PerSecond, result.Unacknowledged);
    }

    private async Task FlushPeriodicallyAsync(GroundTruthRecorder truth, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TruthFlushPeriod, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await truth.FlushAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The final flush follows once every gateway has stopped.
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information,
            Message = "History sent: {Reports} reports of {Gateways} gateways covering {From:u} to {To:u} acknowledged in {Seconds:N1} s ({PerSecond:N0} reports/s), {Unacknowledged} not")]
        public static partial void Backfilled(ILogger logger, long reports, int gateways, DateTimeOffset from, DateTimeOffset to, double seconds, double perSecond,
            long unacknowledged);
    }
}
