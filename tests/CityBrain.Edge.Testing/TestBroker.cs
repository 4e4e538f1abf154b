using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CityBrain.Edge.Testing;

/// <summary>A real MQTTnet broker on a free loopback port, recording what gateways publish. It can be stopped and
/// started again on the same port (an outage), refuse chosen reports with a PUBACK reason code, and refuse
/// connections with the wrong password.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly ConcurrentDictionary<DateTimeOffset, MqttPubAckReasonCode> _refusals = new();
    private readonly ConcurrentQueue<Telemetry> _telemetry = new();
    private readonly ConcurrentQueue<(string Topic, byte[] Payload, bool Retain)> _other = new();
    private readonly ConcurrentQueue<long> _refused = new();
    private readonly ConcurrentQueue<string> _connections = new();
    private MqttServer? _server;

    public int Port { get; } = FreePort();

    /// <summary>Passwords by user name; a user not listed may connect with any password.</summary>
    public ConcurrentDictionary<string, string> Passwords { get; } = new();

    /// <summary>Reports in the order they arrived, duplicates included.</summary>
    public IReadOnlyList<Telemetry> Telemetry => _telemetry.ToList();

    public IReadOnlyList<(string Topic, byte[] Payload, bool Retain)> Other => _other.ToList();

    /// <summary>Sequences of the reports refused with a chosen reason code (<see cref="Refuse"/>), every attempt.</summary>
    public IReadOnlyList<long> Refused => _refused.ToList();

    /// <summary>Client ids of the connections the broker accepted, in order, across restarts.</summary>
    public IReadOnlyList<string> Connections => _connections.ToList();

    /// <summary>Delay before each telemetry PUBACK, so that publishes overlap as over a real network.</summary>
    public TimeSpan AckDelay { get; set; }

    public bool IsRunning => _server is not null;

    public static async Task<TestBroker> StartAsync()
    {
        var broker = new TestBroker();
        await broker.StartAgainAsync();
        return broker;
    }

    /// <summary>Refuses the report of the window starting at <paramref name="window"/> with <paramref name="code"/>.</summary>
    public void Refuse(DateTimeOffset window, MqttPubAckReasonCode code) => _refusals[window] = code;

    public void Accept(DateTimeOffset window) => _refusals.TryRemove(window, out _);

    public async Task StartAgainAsync()
    {
        var factory = new MqttServerFactory();
        var server = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(Port)
            .WithPersistentSessions()
            .WithMaxPendingMessagesPerClient(10_000)
            .Build());
        server.ValidatingConnectionAsync += e =>
        {
            if (Passwords.TryGetValue(e.UserName ?? "", out var expected) && expected != e.Password) e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        };
        server.InterceptingPublishAsync += InterceptAsync;
        server.ClientConnectedAsync += e =>
        {
            _connections.Enqueue(e.ClientId);
            return Task.CompletedTask;
        };
        await server.StartAsync();
        _server = server;
    }

    public async Task StopAsync()
    {
        var server = _server;
        _server = null;
        if (server is null) return;
        await server.StopAsync();
        server.Dispose();
    }

    /// <summary>Publishes a retained message as the cluster does (e.g. a device's configuration).</summary>
    public Task PublishRetainedAsync(string topic, byte[] payload) =>
        _server!.InjectApplicationMessage(new InjectedMqttApplicationMessage(new MqttApplicationMessageBuilder()
            .WithTopic(topic).WithPayload(payload).WithRetainFlag().WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build())
        {
            SenderClientId = "cluster",
        });

    public async Task<IList<MqttApplicationMessage>> RetainedAsync() => await _server!.GetRetainedMessagesAsync();

    /// <summary>Distinct sequences in the order of their first arrival: what the cluster keeps after dropping duplicates.</summary>
    public IReadOnlyList<long> FirstArrivals() => Telemetry.Select(t => t.Sequence).Distinct().ToList();

    private async Task InterceptAsync(InterceptingPublishEventArgs e)
    {
        if (!e.ApplicationMessage.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
        {
            _other.Enqueue((e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload), e.ApplicationMessage.Retain));
            return;
        }
        if (AckDelay > TimeSpan.Zero) await Task.Delay(AckDelay);
        var parsed = WireFormat.ParseTelemetry(e.ApplicationMessage.Payload, DateTimeOffset.UtcNow);
        if (!parsed.Ok)
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
            e.Response.ReasonString = parsed.Rejection.Reason;
            return;
        }
        if (_refusals.TryGetValue(parsed.Value.Timestamp, out var code))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = code;
            e.Response.ReasonString = "refused by the test";
            _refused.Enqueue(parsed.Value.Sequence);
            return;
        }
        _telemetry.Enqueue(parsed.Value);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
