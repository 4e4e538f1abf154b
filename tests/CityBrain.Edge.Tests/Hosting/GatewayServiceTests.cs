using System.Text;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Hosting;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CityBrain.Edge.Tests.Hosting;

/// <summary>The whole gateway: emulated chips, real drivers, sampler, outbox, link, against a real broker.</summary>
public sealed class GatewayServiceTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    [Fact]
    public async Task The_cluster_s_configuration_applies_live_and_is_kept()
    {
        var options = GatewayHosts.Options(_broker, _dir.Path, "gw-live");
        options.Sensors =
        [
            new SensorOptions { Type = "sht4x", Name = "sht-a", Address = 0x44, Emulated = true },
            new SensorOptions { Type = "sht4x", Name = "sht-b", Address = 0x45, Emulated = true },
        ];
        using var gateway = GatewayHosts.Build(options);
        await gateway.StartAsync();
        await Eventually.HoldsAsync(() => _broker.Telemetry.Any(t => t.Readings.Any(r => r.Sensor == "sht-b")), "reports from both sensors");

        await _broker.PublishRetainedAsync(TopicAddress.Build("haidian", "gw-live", TopicKind.Config),
            Encoding.UTF8.GetBytes("""{"version":1,"reportIntervalSeconds":2,"sampleIntervalSeconds":1,"enabledSensors":["sht-a"]}"""));

        await Eventually.HoldsAsync(() => _broker.Telemetry.Any(t => t.WindowSeconds == 2), "a report over the new window");
        var settings = gateway.Services.GetRequiredService<LiveSettings>();
        Assert.Equal(TimeSpan.FromSeconds(1), settings.IntervalOf("sht-a", configured: null));
        var after = _broker.Telemetry.Where(t => t.WindowSeconds == 2).ToList();
        Assert.All(after, t => Assert.All(t.Readings, r => Assert.Equal("sht-a", r.Sensor)));
        Assert.All(after, t => Assert.Equal(0, t.Timestamp.ToUnixTimeSeconds() % 2));
        Assert.True(File.Exists(Path.Combine(_dir.Path, LiveSettings.FileName)));
        await gateway.StopAsync();
    }

    [Fact]
    public async Task Sequence_numbers_go_on_after_a_restart_and_never_repeat()
    {
        var options = GatewayHosts.Options(_broker, _dir.Path, "gw-restart");
        using (var first = GatewayHosts.Build(options))
        {
            await first.StartAsync();
            await Eventually.HoldsAsync(() => _broker.Telemetry.Count >= 2, "reports of the first run");
            await first.StopAsync();
        }
        var firstRun = _broker.FirstArrivals().Count;

        using (var second = GatewayHosts.Build(options))
        {
            await second.StartAsync();
            await Eventually.HoldsAsync(() => _broker.FirstArrivals().Count >= firstRun + 2, "reports of the second run");
            await second.StopAsync();
        }

        var sequences = _broker.FirstArrivals();
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => sequences[0] + i), sequences);
        Assert.Equal(sequences.Count, _broker.Telemetry.Select(t => t.Timestamp).Distinct().Count());
    }

    [Fact]
    public async Task Health_goes_out_with_outbox_sensors_calibration_and_the_machine_s_state()
    {
        var options = GatewayHosts.Options(_broker, _dir.Path, "gw-health");
        options.Sensors[0].Calibration = new CalibrationOptions { Quantity = "humidity", Offset = 1.5, Factor = 0.98, Date = new DateOnly(2026, 10, 1) };
        options.Site = "奥体中心";
        options.Position = new PositionOptions { Latitude = 39.99, Longitude = 116.39 };
        using var gateway = GatewayHosts.Build(options);
        await gateway.StartAsync();

        await Eventually.HoldsAsync(() => _broker.Other.Any(m => m.Topic.EndsWith("/health", StringComparison.Ordinal)), "a health report");
        await gateway.StopAsync();

        var health = WireFormat.ParseHealth(new(_broker.Other.First(m => m.Topic.EndsWith("/health", StringComparison.Ordinal)).Payload));
        Assert.True(health.Ok, health.Rejection?.ToString());
        var sensor = Assert.Single(health.Value.Sensors);
        Assert.Equal(("sht4x@1:0x44", "SHT4x"), (sensor.Sensor, sensor.Model));
        Assert.Equal(new CityBrain.Contracts.Payloads.Calibration(1.5, 0.98, new DateOnly(2026, 10, 1), Quantity.Humidity), sensor.Calibration);
        Assert.True(health.Value.UptimeSeconds > 0);
        Assert.NotNull(health.Value.FreeDiskBytes);
        Assert.Equal(0, health.Value.RefusedReports);
        Assert.Equal(($"127.0.0.1:{_broker.Port}", 0L), (health.Value.Broker, health.Value.Failovers));
        Assert.Equal(new CityBrain.Contracts.Payloads.Site("奥体中心", 39.99, 116.39), health.Value.Site);
    }

    [Fact]
    public async Task With_two_brokers_the_service_fails_over_and_says_where_it_is_in_health_and_status()
    {
        await using var other = await TestBroker.StartAsync();
        var options = GatewayHosts.Options(_broker, _dir.Path, "gw-nodes");
        options.Broker = new BrokerOptions { Endpoints = [$"127.0.0.1:{_broker.Port}", $"127.0.0.1:{other.Port}"], Password = "secret" };
        using var gateway = GatewayHosts.Build(options);
        await gateway.StartAsync();
        var link = gateway.Runtime().Publisher.Link;
        await link.WaitUntilConnectedAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        // Which broker a gateway starts at is its own (seeded from its id); the one it is on goes down.
        var (first, second) = link.Broker.Port == _broker.Port ? (_broker, other) : (other, _broker);

        await first.StopAsync();

        await Eventually.HoldsAsync(() => second.Other.Any(m => m.Topic.EndsWith("/health", StringComparison.Ordinal)), "a health report on the other broker");
        var health = WireFormat.ParseHealth(new(second.Other.First(m => m.Topic.EndsWith("/health", StringComparison.Ordinal)).Payload));
        var status = await gateway.Runtime().Monitor.SnapshotAsync(CancellationToken.None);
        await gateway.StopAsync();
        Assert.True(health.Ok, health.Rejection?.ToString());
        Assert.Equal(($"127.0.0.1:{second.Port}", 1L), (health.Value.Broker, health.Value.Failovers));
        Assert.Equal(($"127.0.0.1:{second.Port}", 1L, 2L), (status.Link.Broker, status.Link.Failovers, status.Link.Connects));
        Assert.Equal($"connected to 127.0.0.1:{second.Port} as gw-nodes", status.Link.Detail);
    }

    [Fact]
    public async Task A_second_gateway_on_the_same_data_directory_is_refused()
    {
        using var first = GatewayHosts.Build(GatewayHosts.Options(_broker, _dir.Path, "gw-one"));
        await first.StartAsync();
        using var second = GatewayHosts.Build(GatewayHosts.Options(_broker, _dir.Path, "gw-two"));

        var error = await Assert.ThrowsAsync<DataDirectoryInUseException>(() => second.StartAsync());

        Assert.Contains("another citybrain-edge is already running with data directory", error.Message);
        await first.StopAsync();
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
