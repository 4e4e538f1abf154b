using System.Buffers;
using System.Net;
using CityBrain.Ingest.Metrics;
using CityBrain.Ingest.Pipeline;
using CityBrain.Storage.DeadLetters;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CityBrain.Ingest.Broker;

/// <summary>The MQTTnet broker inside the cluster host. Ingest runs inside its publish interception, before the
/// PUBACK, which is what lets the acknowledgement mean "durable" without a subscribing client in between (a slow
/// subscriber would have its oldest QoS 1 messages dropped by the broker).</summary>
public sealed partial class EmbeddedBroker(
    IOptions<BrokerOptions> options,
    ClientAuthenticator authenticator,
    IngestPipeline pipeline,
    IngestMetrics metrics,
    DeviceSessions sessions,
    SessionTakeovers takeovers,
    IDeadLetterStore deadLetters,
    TimeProvider time,
    ILogger<EmbeddedBroker> logger,
    MqttTlsListener? tls = null,
    IMqttReaders? readers = null) : IHostedService, IAsyncDisposable
{
    /// <summary>Client id the cluster uses for messages it injects itself (retained device configuration).</summary>
    public const string ServerClientId = "citybrain-cluster";

    private MqttServer? _server;
    private GuardedTcpServerAdapter? _transport;
    private readonly StormLog _refusedLogins = new(time);
    private readonly StormLog _throttledLogins = new(time);
    private readonly StormLog _refusedConnections = new(time);
    private readonly StormLog _oversized = new(time);
    private readonly StormLog _overwritten = new(time);

    public MqttServer Server => _server ?? throw new InvalidOperationException("the embedded broker has not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var serverOptions = new MqttServerFactory().CreateServerOptionsBuilder()
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(o.MaxPendingMessagesPerClient)
            // MQTTnet waits this long for the CONNECT: with the packet limit it bounds what an unauthenticated client holds.
            .WithDefaultCommunicationTimeout(o.ConnectTimeout)
            .Build();
        _transport = new GuardedTcpServerAdapter(o, tls, metrics, time,
            (address, reason) =>
            {
                if (_refusedConnections.ShouldLog(out var count)) LogConnectionsRefused(address, reason, count);
            },
            remote =>
            {
                if (_oversized.ShouldLog(out var count)) LogOversized(remote, o.MaxPacketBytes, count);
            }, logger);
        _server = new MqttServerFactory().CreateMqttServer(serverOptions, [_transport]);
        _server.ValidatingConnectionAsync += ValidateConnectionAsync;
        _server.InterceptingPublishAsync += InterceptPublishAsync;
        _server.InterceptingSubscriptionAsync += InterceptSubscriptionAsync;
        _server.ClientConnectedAsync += e =>
        {
            metrics.Connected();
            if (e.SessionItems[ClientIdentity.SessionKey] is ClientIdentity identity) sessions.Connected(identity);
            return Task.CompletedTask;
        };
        _server.ClientDisconnectedAsync += e =>
        {
            metrics.Disconnected();
            if (e.SessionItems[ClientIdentity.SessionKey] is ClientIdentity identity)
            {
                sessions.Disconnected(identity);
                if (e.DisconnectType == MqttClientDisconnectType.Takeover && identity.IsDevice) TakenOver(identity.Name, e.RemoteEndPoint);
            }
            return Task.CompletedTask;
        };
        // Readers of the open data may be many and slow: a storm of drops must stay one line a minute.
        _server.QueuedApplicationMessageOverwrittenAsync += e =>
        {
            metrics.SubscriberMessageDropped();
            if (_overwritten.ShouldLog(out var count)) LogSubscriberDrops(e.ReceiverClientId, o.MaxPendingMessagesPerClient, count);
            return Task.CompletedTask;
        };
        await _server.StartAsync();
        LogListening(string.Join(", ", BrokerAddresses.Parse(o.BindAddress).Select(a => new IPEndPoint(a, o.Port))), tls?.ToString() ?? "no port");
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null) await _server.StopAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.StopAsync();
            _server.Dispose();
        }
    }

    /// <summary>Publishes a message as the cluster itself, e.g. a retained configuration for a device.</summary>
    public Task InjectAsync(MqttApplicationMessage message) =>
        Server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ServerClientId });

    /// <summary>Ends a client's connection, telling an MQTT 5 client it is no longer authorised.</summary>
    public Task DisconnectAsync(string clientId) =>
        Server.DisconnectClientAsync(clientId, new MqttServerClientDisconnectOptions { ReasonCode = MqttDisconnectReasonCode.NotAuthorized });

    private async Task ValidateConnectionAsync(ValidatingConnectionEventArgs e)
    {
        var source = (e.RemoteEndPoint as IPEndPoint)?.Address;
        var outcome = await authenticator.AuthenticateAsync(e.UserName, e.Password, e.ClientCertificate, source, CancellationToken.None);
        if (outcome.Throttled)
        {
            // QuotaExceeded rather than BadUserNameOrPassword: the password was not checked, and a gateway that reads the
            // code knows to wait instead of reporting a wrong password. It says nothing about whether the id exists,
            // since unknown ids are throttled the same way.
            e.ReasonCode = MqttConnectReasonCode.QuotaExceeded;
            if (_throttledLogins.ShouldLog(out var count)) LogLoginsThrottled(e.UserName, source, count);
            return;
        }
        if (outcome.Identity is not { } identity)
        {
            metrics.AuthenticationFailed();
            if (_refusedLogins.ShouldLog(out var count)) LogLoginsRefused(e.ClientId, e.UserName, source, count);
            e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return;
        }
        if (identity.ClientIdRefusal(e.ClientId) is { } clientIdRefusal)
        {
            metrics.AuthenticationFailed();
            LogClientIdRefused(e.ClientId, identity.Name, clientIdRefusal);
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            e.ReasonString = clientIdRefusal;
            return;
        }
        e.SessionItems[ClientIdentity.SessionKey] = identity;
        if (identity.IsDevice) takeovers.Connecting(identity.Name, e.RemoteEndPoint);
    }

    private void TakenOver(string deviceId, EndPoint? previous)
    {
        metrics.SessionTakenOver();
        if (takeovers.TakenOver(deviceId, previous) is { } conflict)
        {
            LogSessionConflict(deviceId, conflict.Takeovers, SessionTakeovers.Window.TotalMinutes,
                conflict.Addresses.ElementAtOrDefault(0) ?? "unknown", conflict.Addresses.ElementAtOrDefault(1) ?? "unknown");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Device {DeviceId} is connected twice: its session was taken over {Takeovers} times in {Minutes} min, the latest time by {Taker} from {Holder}; " +
            "two gateways use this id (a cloned SD card?): give one of them its own device id and credentials")]
    private partial void LogSessionConflict(string deviceId, int takeovers, double minutes, string taker, string holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused connection of client {ClientId} as {Identity}: {Reason}")]
    private partial void LogClientIdRefused(string clientId, string identity, string reason);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Dropped {Count} queued message(s) for slow subscribers in the last minute (over Broker:MaxPendingMessagesPerClient = {Limit}), the latest for {ClientId}")]
    private partial void LogSubscriberDrops(string clientId, int limit, long count);

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT broker listening on {Endpoints}, with TLS on {TlsEndpoints}")]
    private partial void LogListening(string endpoints, string tlsEndpoints);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused {Count} login(s) for unknown user or wrong password in the last minute, the latest client {ClientId} as {UserName} from {Source}")]
    private partial void LogLoginsRefused(string clientId, string? userName, IPAddress? source, long count);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Refused {Count} login(s) unchecked in the last minute after repeated failures, the latest as {UserName} from {Source}")]
    private partial void LogLoginsThrottled(string? userName, IPAddress? source, long count);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Closed {Count} connection(s) at accept in the last minute, the latest from {Source}: {Reason}")]
    private partial void LogConnectionsRefused(IPAddress source, string reason, long count);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Closed {Count} connection(s) in the last minute for packets over {MaxPacketBytes} bytes, the latest from {Remote}")]
    private partial void LogOversized(EndPoint? remote, int maxPacketBytes, long count);

    private async Task InterceptPublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == ServerClientId) return;
        var topic = e.ApplicationMessage.Topic;
        var refusal = e.SessionItems[ClientIdentity.SessionKey] is ClientIdentity identity ? identity.PublishRefusal(topic) : "the connection has no identity";
        if (refusal is not null)
        {
            Refuse(e, MqttPubAckReasonCode.NotAuthorized, refusal);
            await RecordRefusalAsync(e.ClientId, topic, "NotAuthorized", refusal, e.ApplicationMessage.Payload.ToArray());
            return;
        }
        var outcome = await pipeline.HandleAsync(
            new InboundMessage(topic, e.ApplicationMessage.Payload, e.ClientId, time.GetUtcNow()), e.CancellationToken);
        switch (outcome.Status)
        {
            case IngestStatus.Accepted:
                return;
            case IngestStatus.Duplicate:
                // Acknowledged (the gateway may forget it) but not forwarded: subscribers saw it the first time.
                e.ProcessPublish = false;
                return;
            case IngestStatus.Rejected:
                Refuse(e, MqttPubAckReasonCode.PayloadFormatInvalid, outcome.Reason);
                return;
            default:
                Refuse(e, MqttPubAckReasonCode.UnspecifiedError, outcome.Reason);
                return;
        }
    }

    private static void Refuse(InterceptingPublishEventArgs e, MqttPubAckReasonCode code, string? reason)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = code;
        e.Response.ReasonString = reason;
    }

    private async Task InterceptSubscriptionAsync(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        var refusal = e.SessionItems[ClientIdentity.SessionKey] is ClientIdentity identity ? SubscribeRefusal(identity, filter) : "the connection has no identity";
        if (refusal is null) return;
        // MQTT 5 carries the reason string to the client: provision and check show the technician which part is wrong.
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.ReasonString = refusal;
        e.ProcessSubscription = false;
        await RecordRefusalAsync(e.ClientId, filter, "SubscriptionNotAuthorized", refusal, []);
    }

    private string? SubscribeRefusal(ClientIdentity identity, string filter) =>
        identity.SubscribeRefusal(filter) ?? (identity.Reader is { } reader
            ? readers?.SubscribeRefusal(reader, filter) ?? (readers is null ? "this node publishes nothing for readers" : null)
            : null);

    /// <summary>A topic refusal is counted, logged and kept with the rejections, so the operator sees which device got
    /// which part of its identity wrong.</summary>
    private async Task RecordRefusalAsync(string clientId, string topic, string kind, string reason, byte[] payload)
    {
        metrics.Refused();
        LogTopicRefused(clientId, topic, reason);
        await deadLetters.AddAsync(new DeadLetter(time.GetUtcNow(), clientId, topic, kind, reason, payload));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused client {ClientId} on {Topic}: {Reason}")]
    private partial void LogTopicRefused(string clientId, string topic, string reason);
}
