using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Edge.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Link;

/// <summary>The gateway's one MQTT 5 connection, kept up by a supervisor loop (MQTTnet 5 has no managed client):
/// ping, reconnect with exponential backoff, birth message on every connect, last will for a silent death.</summary>
public sealed class MqttLink : IDisposable
{
    private static readonly TimeSpan MinBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly GatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<MqttLink> _logger;

    public MqttLink(IOptions<GatewayOptions> options, LiveSettings settings, TimeProvider time, ILogger<MqttLink> logger)
    {
        _options = options.Value;
        _time = time;
        _logger = logger;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Topic == ConfigTopic) settings.Apply(e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
    }

    public bool IsConnected => _client.IsConnected;

    /// <summary>What a technician's status command shows: connected, or why not.</summary>
    public string State { get; private set; } = "not connected yet";

    private string StatusTopic => TopicAddress.Build(_options.District, _options.DeviceId, TopicKind.Status);

    private string ConfigTopic => TopicAddress.Build(_options.District, _options.DeviceId, TopicKind.Config);

    public async Task SuperviseAsync(CancellationToken stoppingToken)
    {
        var backoff = MinBackoff;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (await _client.TryPingAsync(stoppingToken))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), _time, stoppingToken);
                continue;
            }
            try
            {
                var result = await _client.ConnectAsync(ClientOptions(), stoppingToken);
                if (result.ResultCode == MqttClientConnectResultCode.Success)
                {
                    // A resumed session keeps its subscription; a new one needs it again (the retained config then follows).
                    if (!result.IsSessionPresent) await _client.SubscribeAsync(ConfigTopic, MqttQualityOfServiceLevel.AtLeastOnce, stoppingToken);
                    await _client.PublishAsync(Status(DeviceState.Online), stoppingToken);
                    State = "connected";
                    _logger.LogInformation("Connected to broker {Host}:{Port} as {DeviceId}", _options.Broker.Host, _options.Broker.Port, _options.DeviceId);
                    backoff = MinBackoff;
                    continue;
                }
                // A refusal is a configuration problem; retrying fast would not fix it and would flood the broker's log.
                State = $"refused by the broker: {result.ResultCode} (check the device id and password from provisioning)";
                _logger.LogError("Broker refused {DeviceId}: {ResultCode}", _options.DeviceId, result.ResultCode);
                backoff = MaxBackoff;
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or System.Net.Sockets.SocketException or OperationCanceledException && !stoppingToken.IsCancellationRequested)
            {
                State = $"broker {_options.Broker.Host}:{_options.Broker.Port} unreachable: {ex.Message}";
                _logger.LogWarning("Broker {Host}:{Port} unreachable, retrying in {Backoff}", _options.Broker.Host, _options.Broker.Port, backoff);
            }
            await Task.Delay(backoff, _time, stoppingToken);
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
        }
    }

    public Task<MqttClientPublishResult> PublishAsync(MqttApplicationMessage message, CancellationToken cancellationToken) =>
        _client.PublishAsync(message, cancellationToken);

    /// <summary>A clean disconnect discards the last will, so the gateway says offline itself first.</summary>
    public async Task GoodbyeAsync()
    {
        if (!_client.IsConnected) return;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _client.PublishAsync(Status(DeviceState.Offline), timeout.Token);
        await _client.DisconnectAsync(cancellationToken: timeout.Token);
    }

    public void Dispose() => _client.Dispose();

    private MqttClientOptions ClientOptions() => new MqttClientOptionsBuilder()
        .WithTcpServer(_options.Broker.Host, _options.Broker.Port)
        .WithClientId(_options.DeviceId)
        .WithCredentials(_options.DeviceId, _options.Broker.Password)
        .WithProtocolVersion(MqttProtocolVersion.V500)
        .WithCleanStart(false)
        .WithSessionExpiryInterval(3600)
        .WithTimeout(TimeSpan.FromSeconds(10))
        .WithWillTopic(StatusTopic)
        .WithWillPayload(WireFormat.Serialize(new Status(Telemetry.CurrentVersion, _options.DeviceId, DeviceState.Offline)))
        .WithWillRetain()
        .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private MqttApplicationMessage Status(DeviceState state) => new MqttApplicationMessageBuilder()
        .WithTopic(StatusTopic)
        .WithPayload(WireFormat.Serialize(new Status(Telemetry.CurrentVersion, _options.DeviceId, state, _time.GetUtcNow())))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag()
        .Build();
}
