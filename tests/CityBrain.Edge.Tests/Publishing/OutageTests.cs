using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using CityBrain.Contracts.Parsing;
using CityBrain.Edge.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace CityBrain.Edge.Tests.Publishing;

/// <summary>The real gateway against a real broker that goes away and comes back.</summary>
public sealed class OutageTests : IAsyncDisposable
{
    private readonly int _port = FreePort();
    private readonly ConcurrentQueue<long> _arrived = new();
    private readonly string _data = Directory.CreateTempSubdirectory("citybrain-outage-").FullName;
    private MqttServer? _broker;

    /// <summary>Sequences the broker refuses for good, as the cluster does with a malformed report.</summary>
    private readonly HashSet<long> _refuse = [];

    private async Task StartBrokerAsync()
    {
        var factory = new MqttServerFactory();
        _broker = factory.CreateMqttServer(factory.CreateServerOptionsBuilder()
            .WithDefaultEndpoint().WithDefaultEndpointBoundIPAddress(IPAddress.Loopback).WithDefaultEndpointPort(_port).WithPersistentSessions().Build());
        _broker.InterceptingPublishAsync += e =>
        {
            if (!e.ApplicationMessage.Topic.EndsWith("/telemetry", StringComparison.Ordinal)) return Task.CompletedTask;
            var parsed = WireFormat.ParseTelemetry(e.ApplicationMessage.Payload, DateTimeOffset.UtcNow);
            Assert.True(parsed.Ok, parsed.Rejection?.ToString());
            var sequence = parsed.Value.Sequence;
            lock (_refuse)
            {
                if (_refuse.Contains(sequence))
                {
                    e.ProcessPublish = false;
                    e.Response.ReasonCode = MqttPubAckReasonCode.PayloadFormatInvalid;
                    return Task.CompletedTask;
                }
            }
            _arrived.Enqueue(sequence);
            return Task.CompletedTask;
        };
        await _broker.StartAsync();
    }

    private async Task StopBrokerAsync()
    {
        var broker = _broker!;
        _broker = null;
        await broker.StopAsync();
        broker.Dispose();
    }

    private IHost Gateway()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCityBrainGateway(o =>
        {
            o.DeviceId = "gw-outage";
            o.District = "haidian";
            o.DataDirectory = _data;
            o.ReportInterval = TimeSpan.FromSeconds(1);
            o.SampleInterval = TimeSpan.FromMilliseconds(100);
            o.Broker = new CityBrain.Edge.Configuration.BrokerOptions { Host = "127.0.0.1", Port = _port, Password = "x" };
            o.Sensors = [new SensorOptions { Type = "sht4x", Emulated = true }];
        });
        return builder.Build();
    }

    [Fact]
    public async Task Every_report_made_during_an_outage_arrives_exactly_once_in_order_after_it()
    {
        await StartBrokerAsync();
        using var gateway = Gateway();
        await gateway.StartAsync();
        await WaitUntilAsync(() => _arrived.Count >= 2, "reports before the outage");

        await StopBrokerAsync();
        await Task.Delay(TimeSpan.FromSeconds(2));
        await StartBrokerAsync();
        var beforeRestart = _arrived.Count;
        await WaitUntilAsync(() => _arrived.Count >= beforeRestart + 5, "reports after the outage");
        await gateway.StopAsync();

        var distinct = _arrived.Distinct().Order().ToList();
        // After de-duplication by sequence (what the device grain does) nothing is missing between first and last.
        Assert.Equal(Enumerable.Range(0, distinct.Count).Select(i => (long)i), distinct);
        Assert.True(distinct.Count >= 7);
    }

    [Fact]
    public async Task A_report_refused_for_good_is_set_aside_and_the_rest_keep_flowing()
    {
        lock (_refuse) _refuse.Add(1);
        await StartBrokerAsync();
        using var gateway = Gateway();
        await gateway.StartAsync();

        await WaitUntilAsync(() => _arrived.Contains(3), "reports after the refused one");
        await gateway.StopAsync();

        Assert.DoesNotContain(1L, _arrived);
        Assert.Contains(0L, _arrived);
        Assert.Contains(2L, _arrived);
    }

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"timed out waiting for {what}");
            await Task.Delay(50);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (_broker is not null) await StopBrokerAsync();
    }
}
