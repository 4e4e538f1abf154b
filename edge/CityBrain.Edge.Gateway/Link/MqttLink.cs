using System.Buffers;
using System.Globalization;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Edge.Timing;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Link;

/// <summary>One gateway's MQTT 5 connection, kept up by a supervisor loop (MQTTnet 5 has no managed client):
/// failover between the configured brokers with jittered exponential backoff (<see cref="ReconnectPlan"/>), slow
/// retries after a refusal, a persistent session, the retained birth message on every connect, a retained last will
/// for a silent death, and the device's retained configuration topic.</summary>
/// <remarks>The supervisor watches <see cref="IMqttClient.IsConnected"/> and is woken by the client's disconnect
/// event; MQTTnet's own keep-alive detects a broker that stopped answering. It never connects from inside the event
/// handler, which MQTTnet's samples warn can deadlock. The cluster's nodes do not share sessions: on another node the
/// session is new, so the link subscribes to its configuration again, and the pump sends everything the outbox still
/// holds (the cluster drops what it has already seen).</remarks>
public sealed class MqttLink : IDisposable
{
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(1);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly WakeSignal _wake;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttLink> _logger;
    private readonly ReconnectPlan _plan;
    private readonly byte[] _will;
    private TaskCompletionSource _connected = NewSignal();
    private LinkState _state;
    private BrokerAddress _broker;
    private BrokerAddress? _lastConnected;
    private readonly TakeoverHistory _takeovers;
    private long _connects, _refusals, _failovers;
    private int _takenOver;

    /// <param name="random">Shuffles the brokers and draws the backoff waits; by default seeded from the device id,
    /// so that every gateway of a fleet has an order and waits of its own.</param>
    public MqttLink(LinkOptions options, TimeProvider time, ILogger<MqttLink> logger, Random? random = null)
    {
        Options = options;
        _time = time;
        _logger = logger;
        _wake = new WakeSignal(time);
        _plan = new ReconnectPlan(options, random ?? ReconnectPlan.SeededFor(options.DeviceId));
        _broker = _plan.Current;
        StatusTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Status);
        TelemetryTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Telemetry);
        HealthTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Health);
        ConfigTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Config);
        _will = WireFormat.Serialize(new Status(Telemetry.CurrentVersion, options.DeviceId, DeviceState.Offline));
        _state = new LinkState(LinkCondition.Connecting, "not connected yet", time.GetUtcNow());
        _takeovers = new TakeoverHistory(time);
        _client.DisconnectedAsync += e =>
        {
            if (e.Reason == MqttClientDisconnectReason.SessionTakenOver) Volatile.Write(ref _takenOver, 1);
            // A failed connect raises this too; only a lost connection cuts the watch short.
            if (e.ClientWasConnected) _wake.Set();
            return Task.CompletedTask;
        };
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == ConfigTopic) ConfigReceived?.Invoke(e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
    }

    public LinkOptions Options { get; }

    public string StatusTopic { get; }

    public string TelemetryTopic { get; }

    public string HealthTopic { get; }

    public string ConfigTopic { get; }

    public bool IsConnected => _client.IsConnected;

    public LinkState State => Volatile.Read(ref _state);

    /// <summary>Successful connects since start.</summary>
    public long Connects => Interlocked.Read(ref _connects);

    /// <summary>Connects the broker refused (bad credentials, not authorised) since start.</summary>
    public long Refusals => Interlocked.Read(ref _refusals);

    /// <summary>Connects to another broker than the one connected to before, since start.</summary>
    public long Failovers => Interlocked.Read(ref _failovers);

    /// <summary>The sentence saying that another gateway uses this device id, while the broker took the session over
    /// repeatedly within <see cref="TakeoverHistory.Window"/>; null otherwise. It stays while connected in between:
    /// the other gateway will take the session again.</summary>
    public string? Conflict => _takeovers.Recent >= TakeoverHistory.Conflicting
        ? $"another gateway is using the id {Options.DeviceId} (a cloned SD card?): the broker handed its session to another connection " +
          $"{_takeovers.Recent} times in {TakeoverHistory.Window.TotalMinutes:0} min; give one of them its own device id and credentials (citybrain-edge provision)"
        : null;

    /// <summary>The broker the link is connected to, or is trying.</summary>
    public BrokerAddress Broker => Volatile.Read(ref _broker);

    /// <summary>A configuration message for this device arrived (the retained one on every new session). Runs on
    /// MQTTnet's receive loop: handle it quickly, and copy the payload if it must outlive the call.</summary>
    public event Action<ReadOnlySequence<byte>>? ConfigReceived;

    /// <summary>Keeps the link up until <paramref name="stoppingToken"/> fires; never throws for a broker's trouble.</summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        try
        {
            await SuperviseAsync(stoppingToken);
        }
        catch (Exception) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping in the middle of a connect: MQTTnet may report the cancellation as a communication error.
        }
    }

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var wait = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_client.IsConnected)
            {
                await WatchAsync(stoppingToken);
                continue;
            }
            if (State.Condition == LinkCondition.Connected && Interlocked.Exchange(ref _takenOver, 0) == 1)
            {
                wait = TakenOver(Broker);
            }
            else if (State.Condition == LinkCondition.Connected)
            {
                var lost = Broker;
                wait = _plan.Dropped();
                SetState(LinkCondition.Connecting, $"connection to {lost} lost; trying {_plan.Current} in {Seconds(wait)}");
                LinkLog.Lost(_logger, lost, _plan.Current, wait);
            }
            if (wait > TimeSpan.Zero && !await DelayAsync(wait, stoppingToken)) return;
            wait = await ConnectAsync(_plan.Current, stoppingToken) switch
            {
                LinkCondition.Connected => TimeSpan.Zero,
                LinkCondition.Refused => _plan.Refused(),
                _ => _plan.Unreachable(),
            };
        }
    }

    /// <summary>Completes when the link is (or becomes) connected.</summary>
    public Task WaitUntilConnectedAsync(CancellationToken cancellationToken) =>
        _client.IsConnected ? Task.CompletedTask : Volatile.Read(ref _connected).Task.WaitAsync(cancellationToken);

    /// <summary>Publishes and, at QoS 1, waits for the PUBACK (at most <see cref="LinkOptions.Timeout"/>).</summary>
    /// <exception cref="MQTTnet.Exceptions.MqttCommunicationException">The link is down or went down meanwhile.</exception>
    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _client.PublishAsync(message, cancellationToken);

    /// <summary>Says goodbye: a clean disconnect discards the last will, so the gateway publishes offline itself first.</summary>
    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        SetState(LinkCondition.Closed, "shut down");
        if (!_client.IsConnected) return;
        try
        {
            await _client.PublishAsync(Status(DeviceState.Offline), cancellationToken);
            await _client.DisconnectAsync(cancellationToken: cancellationToken);
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException)
        {
            // The broker went first or is too slow to wait for; the last will tells the same story.
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _wake.Dispose();
    }

    private async Task<LinkCondition> ConnectAsync(BrokerAddress broker, CancellationToken stoppingToken)
    {
        Volatile.Write(ref _broker, broker);
        MqttClientConnectResult result;
        try
        {
            result = await BoundedConnect.ConnectAsync(_client, ClientOptions(broker), Options.Timeout, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever the transport throws (refused socket, timeout, reset), the answer is the same: try the next broker.
            var cause = Cause(ex, Options.Tls);
            if (State.Condition != LinkCondition.Unreachable) LinkLog.Unreachable(_logger, broker, cause);
            SetState(LinkCondition.Unreachable, $"broker {broker} unreachable ({cause})");
            return LinkCondition.Unreachable;
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            return Refused(broker, result);
        }
        try
        {
            // A resumed session keeps its subscription; a new one (another node's, or after expiry) needs it again,
            // and the retained config follows.
            if (!result.IsSessionPresent) await _client.SubscribeAsync(ConfigTopic, MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken);
            await _client.PublishAsync(Status(DeviceState.Online), stoppingToken);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            SetState(LinkCondition.Unreachable, $"connection to {broker} lost right after connecting: {ex.Message}");
            return LinkCondition.Unreachable;
        }
        Interlocked.Increment(ref _connects);
        _plan.Connected();
        SetState(LinkCondition.Connected, $"connected to {broker} as {Options.DeviceId}");
        LinkLog.Connected(_logger, broker, Options.DeviceId, result.IsSessionPresent ? "resumed" : "new");
        if (_lastConnected is { } previous && previous != broker)
        {
            LinkLog.FailedOver(_logger, broker, previous, Interlocked.Increment(ref _failovers));
        }
        _lastConnected = broker;
        return LinkCondition.Connected;
    }

    private MqttClientOptions ClientOptions(BrokerAddress broker) => LinkTls.Connection(Options, broker)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithCleanStart(false)
        .WithSessionExpiryInterval(Options.SessionExpirySeconds)
        .WithKeepAlivePeriod(Options.KeepAlive)
        .WithTimeout(Options.Timeout)
        .WithWillTopic(StatusTopic)
        .WithWillPayload(_will)
        .WithWillRetain()
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    /// <summary>The sentence for a broker that does not answer, naming the cause the socket gave.</summary>
    public static string Unreachable(BrokerAddress broker, Exception ex) => $"broker {broker} unreachable ({Cause(ex, null)})";

    /// <summary>The broker's certificate this gateway refused, with its fingerprint and what failed; else the socket's
    /// error, which MQTTnet wraps in its own general one ("Connection refused").</summary>
    public static string Cause(Exception ex, LinkTls? tls) =>
        tls?.TakeRefusal() is { } refused ? $"TLS: {refused}" : (ex.InnerException ?? ex).Message.TrimEnd('.');

    private static string Seconds(TimeSpan wait) => string.Create(CultureInfo.InvariantCulture, $"{wait.TotalSeconds:0.##} s");

    private LinkCondition Refused(BrokerAddress broker, MqttClientConnectResult result)
    {
        var code = result.ResultCode;
        var credentials = code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
            or MqttClientConnectResultCode.ClientIdentifierNotValid or MqttClientConnectResultCode.Banned;
        if (!credentials)
        {
            // Busy, unavailable, quota: the broker's own trouble, which passes like an unreachable broker's.
            SetState(LinkCondition.Unreachable, $"broker {broker} cannot take the connection now: {code} {result.ReasonString}".TrimEnd());
            return LinkCondition.Unreachable;
        }
        Interlocked.Increment(ref _refusals);
        SetState(LinkCondition.Refused,
            $"broker {broker} refused {Options.DeviceId}: {code}; check the device id and password from provisioning (retrying every {Seconds(Options.RefusedRetry)})");
        LinkLog.Refused(_logger, broker, Options.DeviceId, code, result.ReasonString);
        return LinkCondition.Refused;
    }

    /// <summary>The broker gave the session to a new connection with this device's id. Once is a technician's
    /// <c>provision</c> or <c>check</c>; again and again is a second gateway with this id, and reconnecting at once would
    /// only throw it out in turn, hundreds of times a minute: each take-over waits longer (<see cref="ReconnectPlan.TakenOver"/>).</summary>
    private TimeSpan TakenOver(BrokerAddress broker)
    {
        var recent = _takeovers.Add();
        var wait = _plan.TakenOver(recent);
        SetState(LinkCondition.Connecting, (Conflict ?? $"broker {broker} handed this device's session to another connection with the id {Options.DeviceId} " +
            "(a citybrain-edge provision or check, or another gateway)") + $"; reconnecting in {Seconds(wait)}");
        if (Conflict is { } conflict) LinkLog.Conflict(_logger, conflict, wait);
        else LinkLog.TakenOver(_logger, broker, Options.DeviceId, wait);
        return wait;
    }

    private void SetState(LinkCondition condition, string detail)
    {
        var since = State.Condition == condition ? State.Since : _time.GetUtcNow();
        Volatile.Write(ref _state, new LinkState(condition, detail, since));
        if (condition == LinkCondition.Connected)
        {
            Volatile.Read(ref _connected).TrySetResult();
        }
        else if (Volatile.Read(ref _connected).Task.IsCompleted)
        {
            Volatile.Write(ref _connected, NewSignal());
        }
    }

    /// <summary>A look at the connection every so often, cut short by the client's disconnect event.</summary>
    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _wake.WaitAsync(Watch, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends at its next check.
        }
    }

    /// <summary>A backoff wait, which nothing cuts short: a disconnect signalled meanwhile must not undo its jitter.
    /// False when stopping.</summary>
    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private MqttApplicationMessage Status(DeviceState state) => new MqttApplicationMessageBuilder()
        .WithTopic(StatusTopic)
        .WithPayload(WireFormat.Serialize(new Status(Telemetry.CurrentVersion, Options.DeviceId, state, _time.GetUtcNow())))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag()
        .Build();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
