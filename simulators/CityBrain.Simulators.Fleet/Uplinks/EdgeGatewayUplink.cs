using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Reporting;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>The edge gateway's own delivery path (edge/CityBrain.Edge.Gateway), one per simulated gateway: each report is
/// committed to the gateway's SQLite outbox, which allocates its sequence number; the gateway's <see cref="MqttLink"/>
/// keeps the connection (birth, last will, failover between the brokers with backoff); its <see cref="OutboxPump"/> drains the outbox oldest
/// first and deletes a report only after its PUBACK. An outage therefore plays out as on a Raspberry Pi: reports wait
/// in the outbox and go out in order when the link returns.</summary>
/// <remarks>
/// The pump counts what it delivered and set aside, but does not say which report. It drains oldest first, so when the
/// outbox holds <c>n</c> of this gateway's reports, all but the newest <c>n</c> sent have left it; each counts as
/// acknowledged, unless the contract says the cluster had to refuse it (a timestamp too far ahead), in which case the
/// pump set it aside. The pump's own refusal count is added up in the summary so that the two can be compared.
/// Corrupt payloads, resends and foreign topics are not reports a gateway would queue: they go straight onto its
/// connection.
/// <para>Link and pump run on real time whatever the simulation's time scale: their ping, poll and backoff periods are
/// about the network, not about the simulated day. Their per-gateway logs are dropped (ten thousand gateways would
/// drown a log); the fleet's counters and summary say what went wrong.</para>
/// </remarks>
public sealed class EdgeGatewayUplink : IGatewayUplink
{
    /// <summary>A link that is still down this long after it started counts as a problem; before, it is still connecting.</summary>
    private static readonly TimeSpan ConnectGrace = TimeSpan.FromSeconds(5);

    /// <summary>The pump is told of every report it is given, so its idle look at the outbox is only a safety net:
    /// once a second, as on a Pi, it would be thousands of needless queries a second across a fleet.</summary>
    /// <summary>How often a backfill looks at what the pump has delivered.</summary>
    private static readonly TimeSpan SettlePoll = TimeSpan.FromMilliseconds(100);

    private static readonly PumpOptions FleetPump = new() { IdlePoll = TimeSpan.FromSeconds(30) };

    private static readonly OutboxOptions FleetOutbox = new();

    private readonly GatewaySite _site;
    private readonly LinkOptions _link;
    private readonly SqliteOutbox _outbox;
    private readonly FleetLedger _ledger;
    private readonly TimeProvider _real;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _drainTimeout;
    private readonly Queue<Pending> _pending = new();
    private Session? _session;
    private byte[]? _lastPayload;
    private long _lastSequence;
    private bool _offline;

    /// <param name="drainTimeout">How long the end of a run waits for the pump to deliver the backlog.</param>
    /// <param name="endpoint">How long a connect or a publish may take before it counts as failed, and TLS.</param>
    public EdgeGatewayUplink(
        GatewaySite site, IReadOnlyList<BrokerAddress> brokers, BrokerEndpoint endpoint, MqttCredentials credentials, string outboxDirectory, TimeSpan drainTimeout,
        FleetLedger ledger, TimeProvider real)
    {
        _site = site;
        _drainTimeout = drainTimeout;
        _ledger = ledger;
        _real = real;
        _timeout = endpoint.Timeout;
        _link = new LinkOptions(site.DeviceId, site.District.Id, brokers, credentials.Password) { Timeout = endpoint.Timeout, Tls = endpoint.Tls };
        _outbox = SqliteOutbox.Open(Path.Combine(outboxDirectory, $"{site.DeviceId}.db"), FleetOutbox, real, NullLogger<SqliteOutbox>.Instance);
    }

    public bool IsConnected => _session?.Link.IsConnected ?? false;

    public Task<bool> OpenAsync(CancellationToken cancellationToken)
    {
        _offline = false;
        _session ??= Session.Start(new GatewayPublisher(_outbox, _link, FleetPump, _real, NullLoggerFactory.Instance), _real);
        return Task.FromResult(true);
    }

    public async Task DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        if (!_offline && _session is { Link.IsConnected: false } down && _real.GetUtcNow() - down.Started > ConnectGrace)
        {
            _ledger.LinkProblem(_site, down.Link.State.Detail);
        }
        if (message.Kind is MessageKind.Duplicate or MessageKind.ForeignTopic or MessageKind.Corrupt)
        {
            await PublishBesideTheOutboxAsync(message, cancellationToken);
        }
        else
        {
            var report = message.Report;
            var sequence = await _outbox.Device(_site.DeviceId).EnqueueAsync(report.Timestamp, TimeSpan.FromSeconds(report.WindowSeconds), report.Readings, cancellationToken);
            _lastSequence = sequence;
            _lastPayload = message.Encode(sequence);
            _pending.Enqueue(new Pending(sequence, message, _lastPayload.Length));
            _session?.Publisher.Pump.Notify();
        }
        await SettleAsync(cancellationToken);
    }

    /// <summary>Health goes out as the gateway service sends it, through the publisher's own health publish, with what
    /// the gateway's outbox holds and its pump did. The pump's times are real ones, as everything of link and pump is
    /// (see the remarks above).</summary>
    public async Task<bool> PublishHealthAsync(Func<UplinkState, Contracts.Payloads.Health> health, CancellationToken cancellationToken)
    {
        if (_offline || _session is not { Link.IsConnected: true } session) return false;
        var outbox = await session.Publisher.OutboxSnapshotAsync(FleetOutbox.DiskBudgetBytes, cancellationToken);
        return await session.Publisher.PublishHealthAsync(health(new UplinkState(session.Link.Broker.ToString(), session.Link.Failovers, outbox)), cancellationToken);
    }

    /// <summary>The history goes into the outbox as a real gateway's backlog after an outage would: queued together, so
    /// that it is committed in a few groups instead of a disk sync each, numbered by the outbox in the plan's order (newest first), and
    /// drained by the pump with its usual publishes in flight. A gateway whose outbox has numbered reports before (a
    /// restarted demo) already sent its history to this cluster, which keeps it.</summary>
    public async Task<bool> BackfillAsync(IReadOnlyList<OutgoingMessage> reports, CancellationToken cancellationToken)
    {
        var outbox = _outbox.Device(_site.DeviceId);
        if ((await outbox.BacklogAsync(cancellationToken)).NextSequence > 0) return false;
        var sequences = await Task.WhenAll(reports.Select(m =>
            outbox.EnqueueAsync(m.Report.Timestamp, TimeSpan.FromSeconds(m.Report.WindowSeconds), m.Report.Readings, cancellationToken)));
        for (var i = 0; i < reports.Count; i++)
        {
            _lastPayload = reports[i].Encode(sequences[i]);
            _pending.Enqueue(new Pending(sequences[i], reports[i], _lastPayload.Length));
        }
        _lastSequence = sequences[^1];
        _session?.Publisher.Pump.Notify();
        var lastUp = _real.GetUtcNow();
        while (_pending.Count > 0)
        {
            await Task.Delay(SettlePoll, _real, cancellationToken);
            await SettleAsync(cancellationToken);
            if (IsConnected) lastUp = _real.GetUtcNow();
            else if (_real.GetUtcNow() - lastUp > _drainTimeout)
            {
                // The rest stays in the outbox and goes out when the link returns, behind the live reports' wait.
                _ledger.LinkProblem(_site, $"history stalled with {_pending.Count} reports in the outbox: {_session?.Link.State.Detail}");
                break;
            }
        }
        return true;
    }

    public async Task DropAsync()
    {
        _offline = true;
        _ledger.Dropped();
        if (_session is { } session)
        {
            _session = null;
            await EndAsync(session, goodbye: false);
        }
    }

    /// <summary>Gives the pump a while to deliver the backlog, then says goodbye. What is still in the outbox stays
    /// there, for the next run of this gateway to deliver, and counts as not sent in this one.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_session is { } session)
        {
            var deadline = _real.GetUtcNow() + _drainTimeout;
            while (_pending.Count > 0 && session.Link.IsConnected && _real.GetUtcNow() < deadline)
            {
                await Task.Delay(SettlePoll, _real, cancellationToken);
                await SettleAsync(cancellationToken);
            }
            _session = null;
            await EndAsync(session, goodbye: true);
            await SettleAsync(cancellationToken);
            // Outside an outage a backlog at the end means the link could not deliver it.
            if (_pending.Count > 0) _ledger.LinkProblem(_site, $"{_pending.Count} reports still in the outbox at the end: {session.Link.State.Detail}");
        }
        while (_pending.TryDequeue(out var p))
        {
            _ledger.Delivered(_site, p.Message, new DeliveryOutcome(DeliveryStatus.NotSent, "still in the gateway's outbox when the run ended"), p.Bytes);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_session is { } session)
        {
            _session = null;
            await EndAsync(session, goodbye: false);
        }
        await _outbox.DisposeAsync();
    }

    /// <summary>A resend after a lost PUBACK or a publish under the wrong topic is not the outbox's doing: it goes
    /// straight onto the gateway's connection.</summary>
    private async Task PublishBesideTheOutboxAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var payload = message.Kind == MessageKind.Duplicate && _lastPayload is { } last ? last : message.Encode(_lastSequence + 1);
        if (_offline || _session is not { Link: { IsConnected: true } link })
        {
            _ledger.Delivered(_site, message, new DeliveryOutcome(DeliveryStatus.NotSent, "the gateway's link is down"), payload.Length);
            return;
        }
        _ledger.Delivered(_site, message, await MqttPublishing.PublishAsync(link.PublishAsync, message.Topic, payload, _timeout, cancellationToken), payload.Length);
    }

    /// <summary>Settles every report that has left the outbox: all but as many of the newest as it still holds.</summary>
    private async Task SettleAsync(CancellationToken cancellationToken)
    {
        if (_pending.Count == 0) return;
        var waiting = (await _outbox.Device(_site.DeviceId).BacklogAsync(cancellationToken)).Depth;
        var now = _real.GetUtcNow();
        while (_pending.Count > waiting && _pending.TryPeek(out var p))
        {
            _pending.Dequeue();
            var outcome = p.Message.MustBeRefused(now)
                ? new DeliveryOutcome(DeliveryStatus.Refused, "refused by the cluster and set aside by the gateway")
                : DeliveryOutcome.Acknowledged;
            _ledger.Delivered(_site, p.Message, outcome, p.Bytes);
        }
    }

    private async Task EndAsync(Session session, bool goodbye)
    {
        await session.StopAsync();
        _ledger.Counters.RefusalsObserved(session.Publisher.Pump.Refused);
        // Without a goodbye the socket just closes, as when power fails, and the broker publishes the last will.
        try
        {
            if (goodbye && session.Link.IsConnected) await session.Publisher.CloseAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The link died as it was closing; the last will says offline instead.
            _ledger.LinkProblem(_site, $"goodbye failed: {ex.Message}");
        }
        finally
        {
            session.Publisher.Dispose();
        }
    }

    private sealed record Pending(long Sequence, OutgoingMessage Message, int Bytes);

    /// <summary>One stretch of being online: the gateway's link and pump, and the loops that run them.</summary>
    private sealed class Session(GatewayPublisher publisher, CancellationTokenSource stop, Task loops, DateTimeOffset started)
    {
        public GatewayPublisher Publisher => publisher;

        public MqttLink Link => publisher.Link;

        public DateTimeOffset Started => started;

        public static Session Start(GatewayPublisher publisher, TimeProvider time)
        {
            var stop = new CancellationTokenSource();
            var loops = Task.Run(() => publisher.RunAsync(stop.Token));
            return new Session(publisher, stop, loops, time.GetUtcNow());
        }

        public async Task StopAsync()
        {
            await stop.CancelAsync();
            // The loops end by cancellation; that is their normal way out.
            await loops.ContinueWith(_ => { }, TaskScheduler.Default);
            stop.Dispose();
        }
    }
}

/// <summary>Makes an <see cref="EdgeGatewayUplink"/> per gateway, their outboxes side by side in one directory.</summary>
/// <remarks>Each outbox is a SQLite file whose pooled connection keeps three files open (database, WAL, shared memory)
/// beside the gateway's socket, so the process's open-file limit caps how many such gateways one process can run.</remarks>
public sealed class EdgeGatewayUplinkFactory(
    IReadOnlyList<BrokerAddress> brokers, BrokerEndpoint endpoint, IGatewayCredentials credentials, string outboxDirectory, TimeSpan drainTimeout,
    FleetLedger ledger, TimeProvider real)
    : IUplinkFactory
{
    /// <summary>Open files per gateway, as counted in /proc/self/fd of a running fleet: the outbox's writer and its
    /// pooled reader each hold the database and its WAL, both share one -shm, and the gateway has its socket.</summary>
    public const int FilesPerGateway = 6;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(outboxDirectory);
        return Task.CompletedTask;
    }

    public IGatewayUplink Create(GatewaySite site) =>
        new EdgeGatewayUplink(site, brokers, endpoint, credentials.For(site.DeviceId), outboxDirectory, drainTimeout, ledger, real);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
