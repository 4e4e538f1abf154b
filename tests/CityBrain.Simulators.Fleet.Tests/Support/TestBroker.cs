using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CityBrain.Simulators.Fleet.Tests.Support;

/// <summary>A real MQTTnet broker on a free loopback port that behaves like the cluster's at its edges: devices log in
/// with passwords derived from the fleet secret and may publish only under their own topic, one service account may
/// publish anywhere, and telemetry the contract refuses is answered with PayloadFormatInvalid.</summary>
public sealed class TestBroker : IAsyncDisposable
{
    public const string FleetSecret = "fleet-test-secret";
    public const string ServiceUser = "bench";
    public const string ServicePassword = "bench-secret";

    private readonly MqttServer _server;

    private TestBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Every publish the broker accepted, in order.</summary>
    public ConcurrentQueue<Received> Accepted { get; } = new();

    /// <summary>Publishes it refused, with the reason code it answered.</summary>
    public ConcurrentQueue<(string Topic, MqttPubAckReasonCode Code)> Refused { get; } = new();

    public ConcurrentBag<string> ConnectedClients { get; } = [];

    public sealed record Received(string ClientId, string Topic, byte[] Payload, bool Retain);

    public static async Task<TestBroker> StartAsync()
    {
        var port = FreePort();
        var factory = new MqttServerFactory();
        var server = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(port).Build());
        var broker = new TestBroker(server, port);
        server.ValidatingConnectionAsync += broker.Validate;
        server.InterceptingPublishAsync += broker.Intercept;
        server.ClientConnectedAsync += e =>
        {
            broker.ConnectedClients.Add(e.ClientId);
            return Task.CompletedTask;
        };
        await server.StartAsync();
        return broker;
    }

    public async Task<IReadOnlyList<MQTTnet.MqttApplicationMessage>> RetainedAsync() => [.. await _server.GetRetainedMessagesAsync()];

    public IEnumerable<Received> Telemetry() => Accepted.Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private Task Validate(ValidatingConnectionEventArgs e)
    {
        var service = e.UserName == ServiceUser && e.Password == ServicePassword;
        var device = e.UserName is { } user && e.ClientId == user && DerivedPassword.Matches(FleetSecret, user, e.Password);
        if (!service && !device) e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
        e.SessionItems["service"] = service;
        return Task.CompletedTask;
    }

    private Task Intercept(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload.ToArray();
        var service = e.SessionItems["service"] is true;
        var own = TopicAddress.TryParse(topic, out var address) && address.Device == e.ClientId;
        if (!service && !own) return Refuse(e, MqttPubAckReasonCode.NotAuthorized);
        if (address?.Kind == TopicKind.Telemetry
            && !WireFormat.ParseTelemetry(address, new ReadOnlySequence<byte>(payload), DateTimeOffset.UtcNow).Ok)
        {
            return Refuse(e, MqttPubAckReasonCode.PayloadFormatInvalid);
        }
        Accepted.Enqueue(new Received(e.ClientId, topic, payload, e.ApplicationMessage.Retain));
        return Task.CompletedTask;
    }

    private Task Refuse(InterceptingPublishEventArgs e, MqttPubAckReasonCode code)
    {
        e.ProcessPublish = false;
        e.Response.ReasonCode = code;
        Refused.Enqueue((e.ApplicationMessage.Topic, code));
        return Task.CompletedTask;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
