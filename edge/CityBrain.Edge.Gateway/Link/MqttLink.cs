using System.Buffers;
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
/// reconnect with exponential backoff, slow retries after a refusal, a persistent session, the retained birth message
/// on every connect, a retained last will for a silent death, and the device's retained configuration topic.</summary>
/// <remarks>The supervisor watches <see cref="IMqttClient.IsConnected"/> and is woken by the client's disconnect
/// event; MQTTnet's own keep-alive detects a broker that stopped answering. It never connects from inside the event
/// handler, which MQTTnet's samples warn can deadlock.</remarks>
public sealed class MqttLink : IDisposable
{
    private static readonly TimeSpan Watch = TimeSpan.FromSeconds(1);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly WakeSignal _wake;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttLink> _logger;
    private readonly MqttClientOptions _clientOptions;
    private TaskCompletionSource _connected = NewSignal();
    private LinkState _state;
    private long _connects, _refusals;

    public MqttLink(LinkOptions options, TimeProvider time, ILogger<MqttLink> logger)
    {
        Options = options;
        _time = time;
        _logger = logger;
        _wake = new WakeSignal(time);
        StatusTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Status);
        TelemetryTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Telemetry);
        HealthTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Health);
        ConfigTopic = TopicAddress.Build(options.District, options.DeviceId, TopicKind.Config);
        _clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(options.Host, options.Port)
            .WithClientId(options.DeviceId)
            .WithCredentials(options.DeviceId, options.Password)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(options.SessionExpirySeconds)
            .WithKeepAlivePeriod(options.KeepAlive)
            .WithTimeout(options.Timeout)
            .WithWillTopic(StatusTopic)
            .WithWillPayload(WireFormat.Serialize(new Status(Telemetry.CurrentVersion, options.DeviceId, DeviceState.Offline)))
            .WithWillRetain()
            .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        _state = new LinkState(LinkCondition.Connecting, "not connected yet", time.GetUtcNow());
        _client.DisconnectedAsync += e =>
        {
            // A failed connect raises this too; only a lost connection may cut a backoff short.
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
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var backoff = Options.MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (_client.IsConnected)
            {
                await WaitAsync(Watch, stoppingToken);
                continue;
            }
            if (State.Condition == LinkCondition.Connected)
            {
                SetState(LinkCondition.Connecting, "connection lost; reconnecting");
                _logger.LogWarning("Lost the connection to broker {Host}:{Port}; reconnecting", Options.Host, Options.Port);
            }
            var wait = await ConnectAsync(stoppingToken) switch
            {
                LinkCondition.Connected => TimeSpan.Zero,
                LinkCondition.Refused => Options.RefusedRetry,
                _ => backoff,
            };
            backoff = wait == TimeSpan.Zero ? Options.MinBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, Options.MaxBackoff.Ticks));
            if (wait > TimeSpan.Zero) await WaitAsync(wait, stoppingToken);
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

    private async Task<LinkCondition> ConnectAsync(CancellationToken stoppingToken)
    {
        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(_clientOptions, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Whatever the transport throws (refused socket, timeout, reset), the answer is the same: wait and retry.
            if (State.Condition != LinkCondition.Unreachable)
            {
                _logger.LogWarning("Broker {Host}:{Port} unreachable ({Error}); retrying with backoff", Options.Host, Options.Port, Cause(ex));
            }
            SetState(LinkCondition.Unreachable, Unreachable(Options, ex));
            return LinkCondition.Unreachable;
        }
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            return Refused(result);
        }
        try
        {
            // A resumed session keeps its subscription; a new one needs it again (the retained config then follows).
            if (!result.IsSessionPresent) await _client.SubscribeAsync(ConfigTopic, MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken);
            await _client.PublishAsync(Status(DeviceState.Online), stoppingToken);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException ex)
        {
            SetState(LinkCondition.Unreachable, $"connection to {Options.Host}:{Options.Port} lost right after connecting: {ex.Message}");
            return LinkCondition.Unreachable;
        }
        Interlocked.Increment(ref _connects);
        SetState(LinkCondition.Connected, $"connected to {Options.Host}:{Options.Port} as {Options.DeviceId}");
        _logger.LogInformation("Connected to broker {Host}:{Port} as {DeviceId} (session {Session})",
            Options.Host, Options.Port, Options.DeviceId, result.IsSessionPresent ? "resumed" : "new");
        return LinkCondition.Connected;
    }

    /// <summary>The sentence for a broker that does not answer, naming the cause the socket gave.</summary>
    public static string Unreachable(LinkOptions options, Exception ex) => $"broker {options.Host}:{options.Port} unreachable ({Cause(ex)})";

    /// <summary>MQTTnet wraps the socket's error ("Connection refused") in its own general one.</summary>
    private static string Cause(Exception ex) => (ex.InnerException ?? ex).Message.TrimEnd('.');

    private LinkCondition Refused(MqttClientConnectResult result)
    {
        var code = result.ResultCode;
        var credentials = code is MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized
            or MqttClientConnectResultCode.ClientIdentifierNotValid or MqttClientConnectResultCode.Banned;
        if (!credentials)
        {
            // Busy, unavailable, quota: the broker's own trouble, which passes like an unreachable broker's.
            SetState(LinkCondition.Unreachable, $"broker {Options.Host}:{Options.Port} cannot take the connection now: {code} {result.ReasonString}".TrimEnd());
            return LinkCondition.Unreachable;
        }
        Interlocked.Increment(ref _refusals);
        SetState(LinkCondition.Refused,
            $"the broker refused {Options.DeviceId}: {code}; check the device id and password from provisioning (retrying every {Options.RefusedRetry.TotalSeconds:0.#} s)");
        _logger.LogError("Broker {Host}:{Port} refused {DeviceId}: {ResultCode} {Reason}; check the device id and password from provisioning",
            Options.Host, Options.Port, Options.DeviceId, code, result.ReasonString);
        return LinkCondition.Refused;
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

    /// <summary>A wait the client's disconnect event cuts short.</summary>
    private async Task WaitAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await _wake.WaitAsync(delay, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            // Stopping: the loop ends at its next check.
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
