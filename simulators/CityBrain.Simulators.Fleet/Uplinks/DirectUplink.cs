using CityBrain.Contracts.Parsing;
using CityBrain.Edge.Link;
using CityBrain.Contracts.Payloads;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Reporting;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>Connection settings shared by every uplink of a run.</summary>
public sealed record BrokerEndpoint(string Host, int Port)
{
    /// <summary>How long a connect or a publish may take before it counts as failed.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>MQTT over TLS with the broker's certificate verified, as a gateway does; null for plain MQTT.</summary>
    public LinkTls? Tls { get; init; }

    /// <summary>The first options of a connection to this broker: its address, and TLS when set.</summary>
    public MqttClientOptionsBuilder Connection()
    {
        var builder = new MqttClientOptionsBuilder().WithTcpServer(Host, Port);
        return Tls is null ? builder : Tls.Secure(builder, Host);
    }

    public override string ToString() => $"{Host}:{Port}";
}

/// <summary>One MQTT connection per simulated gateway, as a real gateway has: client id and user name are the device id,
/// a retained birth message on its status topic, a retained last will saying offline, QoS 1 telemetry.</summary>
/// <remarks>It keeps no outbox: a report produced while the link is down is recorded as not sent, and the link is
/// retried when the next report is due. Holding reports through an outage and draining them afterwards is the edge
/// gateway's outbox, which a simulated gateway will use once that library is available, rather than a second copy here.</remarks>
public sealed class DirectUplink : IGatewayUplink
{
    private readonly GatewaySite _site;
    private readonly BrokerEndpoint _broker;
    private readonly MqttCredentials _credentials;
    private readonly FleetLedger _ledger;
    private readonly TimeProvider _time;
    private readonly PayloadNumbering _numbering;
    private readonly NoOutboxTally _tally;
    private IMqttClient _client;
    private bool _offline;

    public DirectUplink(GatewaySite site, BrokerEndpoint broker, MqttCredentials credentials, long firstSequence, FleetLedger ledger, TimeProvider time)
    {
        _numbering = new PayloadNumbering(firstSequence);
        _tally = new NoOutboxTally(time);
        _site = site;
        _broker = broker;
        _credentials = credentials;
        _ledger = ledger;
        _time = time;
        _client = new MqttClientFactory().CreateMqttClient();
    }

    public async Task<bool> OpenAsync(CancellationToken cancellationToken)
    {
        _offline = false;
        if (_client.IsConnected) return true;
        try
        {
            var result = await _client.ConnectAsync(_broker.Connection()
                .WithClientId(_site.DeviceId)
                .WithCredentials(_credentials.UserName, _credentials.Password)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithTimeout(_broker.Timeout)
                .WithWillTopic(_site.StatusTopic)
                .WithWillPayload(StatusPayload(DeviceState.Offline, timestamp: null))
                .WithWillRetain()
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                _ledger.LinkProblem(_site, $"broker refused the connection: {result.ResultCode} {result.ReasonString}".TrimEnd());
                return false;
            }
            await _client.PublishAsync(Status(DeviceState.Online), cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            _ledger.LinkProblem(_site, ex.Message);
            return false;
        }
    }

    public bool IsConnected => _client.IsConnected;

    public async Task DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var payload = _numbering.Payload(message);
        DeliveryOutcome outcome;
        if (_offline) outcome = DeliveryOutcome.OfflineWithoutOutbox;
        else if (!_client.IsConnected && !await OpenAsync(cancellationToken)) outcome = new DeliveryOutcome(DeliveryStatus.NotSent, "no connection to the broker");
        else outcome = await MqttPublishing.PublishAsync(_client, message.Topic, payload, _broker.Timeout, cancellationToken);
        _tally.Record(message, outcome);
        _ledger.Delivered(_site, message, outcome, payload.Length);
    }

    public async Task<bool> PublishHealthAsync(Func<UplinkState, Health> health, CancellationToken cancellationToken)
    {
        if (_offline || !_client.IsConnected) return false;
        var payload = WireFormat.Serialize(health(new UplinkState(_broker.ToString(), Failovers: 0, _tally.Snapshot(_numbering.Next))));
        return (await MqttPublishing.PublishAsync(_client, _site.HealthTopic, payload, _broker.Timeout, cancellationToken)).Status == DeliveryStatus.Acknowledged;
    }

    /// <remarks>The socket is closed without a DISCONNECT packet, as when power fails. MQTT 5's DISCONNECT with reason
    /// 0x04 ("with will message") would say the same more politely, but MQTTnet's server (5.2) treats every DISCONNECT
    /// as clean and discards the will.</remarks>
    public Task DropAsync()
    {
        _offline = true;
        _ledger.Dropped();
        _client.Dispose();
        _client = new MqttClientFactory().CreateMqttClient();
        return Task.CompletedTask;
    }

    public async Task CloseAsync(CancellationToken cancellationToken)
    {
        if (_offline || !_client.IsConnected) return;
        try
        {
            await _client.PublishAsync(Status(DeviceState.Offline), cancellationToken);
            await _client.DisconnectAsync(cancellationToken: cancellationToken);
        }
        catch (MqttCommunicationException)
        {
            // The broker went first; the last will tells the same story.
        }
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }

    private MqttApplicationMessage Status(DeviceState state) => new MqttApplicationMessageBuilder()
        .WithTopic(_site.StatusTopic)
        .WithPayload(StatusPayload(state, _time.GetUtcNow()))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .WithRetainFlag()
        .Build();

    private byte[] StatusPayload(DeviceState state, DateTimeOffset? timestamp) =>
        WireFormat.Serialize(new Status(Telemetry.CurrentVersion, _site.DeviceId, state, timestamp));
}

/// <summary>Makes a <see cref="DirectUplink"/> per gateway; nothing is shared.</summary>
/// <param name="time">The simulated clock: the health's last publish is a time of the simulated day.</param>
public sealed class DirectUplinkFactory(BrokerEndpoint broker, IGatewayCredentials credentials, long firstSequence, FleetLedger ledger, TimeProvider time)
    : IUplinkFactory
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public IGatewayUplink Create(GatewaySite site) => new DirectUplink(site, broker, credentials.For(site.DeviceId), firstSequence, ledger, time);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
