using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using CityBrain.Simulators.Fleet.Gateways;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CityBrain.Simulators.Fleet.Tests;

/// <summary>The fleet against a real MQTTnet broker on loopback that checks each gateway's derived password.</summary>
public sealed class FleetPublishingTests : IAsyncLifetime
{
    private const string Secret = "fleet-test-secret";
    private readonly ConcurrentQueue<(string Topic, byte[] Payload, bool Retain)> _received = new();
    private readonly int _port = FreePort();
    private MqttServer _broker = null!;

    public async Task InitializeAsync()
    {
        var factory = new MqttServerFactory();
        _broker = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(_port).Build());
        _broker.ValidatingConnectionAsync += e =>
        {
            if (!DerivedPassword.Matches(Secret, e.UserName, e.Password)) e.ReasonCode = MqttConnectReasonCode.BadUserNameOrPassword;
            return Task.CompletedTask;
        };
        _broker.InterceptingPublishAsync += e =>
        {
            _received.Enqueue((e.ApplicationMessage.Topic, e.ApplicationMessage.Payload.ToArray(), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await _broker.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _broker.StopAsync();
        _broker.Dispose();
    }

    private FleetSimulator Fleet(int gateways, string secret = Secret) => new(Options.Create(new FleetOptions
    {
        BrokerPort = _port,
        Gateways = gateways,
        Districts = ["north", "south"],
        FleetSecret = secret,
        ReportInterval = TimeSpan.FromSeconds(1),
    }), new FleetCounters(), TimeProvider.System, NullLogger<FleetSimulator>.Instance);

    [Fact]
    public async Task Each_gateway_says_online_then_reports_valid_telemetry_under_its_own_topic()
    {
        var fleet = Fleet(4);
        using var stop = new CancellationTokenSource();
        await fleet.StartAsync(stop.Token);
        await WaitUntilAsync(() => TelemetryDevices().Count == 4);
        await fleet.StopAsync(CancellationToken.None);

        var statuses = _received.Where(m => m.Topic.EndsWith("/status", StringComparison.Ordinal)).ToList();
        Assert.All(statuses, s => Assert.True(s.Retain));
        Assert.Equal(4, statuses.Select(s => s.Topic).Distinct().Count());
        foreach (var (topic, payload, _) in _received.Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal)))
        {
            Assert.True(TopicAddress.TryParse(topic, out var address));
            var parsed = WireFormat.ParseTelemetry(address, new System.Buffers.ReadOnlySequence<byte>(payload), DateTimeOffset.UtcNow);
            Assert.True(parsed.Ok, parsed.Rejection?.ToString());
            Assert.Equal(12, parsed.Value.Readings.Count);
        }
        Assert.Contains(_received, m => m.Topic == "citybrain/v1/north/sim-00000/telemetry");
        Assert.Contains(_received, m => m.Topic == "citybrain/v1/south/sim-00001/telemetry");
    }

    [Fact]
    public async Task Stopping_says_offline_and_sequences_keep_rising()
    {
        var fleet = Fleet(1);
        await fleet.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => TelemetryDevices().Count == 1 && _received.Count(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal)) >= 2);
        await fleet.StopAsync(CancellationToken.None);

        var last = _received.Last(m => m.Topic.EndsWith("/status", StringComparison.Ordinal));
        Assert.Equal(DeviceState.Offline, WireFormat.ParseStatus(new System.Buffers.ReadOnlySequence<byte>(last.Payload)).Value!.State);
        var sequences = _received.Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal))
            .Select(m => WireFormat.ParseTelemetry(m.Payload, DateTimeOffset.UtcNow).Value!.Sequence).ToList();
        Assert.Equal(sequences.OrderBy(s => s), sequences);
        Assert.Equal(sequences.Count, sequences.Distinct().Count());
    }

    [Fact]
    public async Task A_wrong_fleet_secret_is_refused_and_counted_without_stopping_the_fleet()
    {
        var counters = new FleetCounters();
        var fleet = new FleetSimulator(Options.Create(new FleetOptions
        {
            BrokerPort = _port, Gateways = 1, Districts = ["north"], FleetSecret = "wrong", ReportInterval = TimeSpan.FromSeconds(1),
        }), counters, TimeProvider.System, NullLogger<FleetSimulator>.Instance);

        await fleet.StartAsync(CancellationToken.None);
        await WaitUntilAsync(() => counters.ErrorsTotal >= 1);
        await fleet.StopAsync(CancellationToken.None);

        Assert.Empty(TelemetryDevices());
    }

    [Fact]
    public void A_fleet_without_districts_says_so()
    {
        var fleet = new FleetSimulator(Options.Create(new FleetOptions { FleetSecret = "x" }), new FleetCounters(), TimeProvider.System,
            NullLogger<FleetSimulator>.Instance);

        var ex = Assert.Throws<InvalidOperationException>(fleet.CreateGateways);
        Assert.Contains("Fleet:Districts", ex.Message);
    }

    private HashSet<string> TelemetryDevices() =>
        _received.Where(m => m.Topic.EndsWith("/telemetry", StringComparison.Ordinal)).Select(m => m.Topic).ToHashSet();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the fleet did not get there in 30 s");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
