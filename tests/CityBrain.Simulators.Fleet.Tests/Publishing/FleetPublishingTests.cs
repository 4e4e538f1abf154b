using System.Buffers;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Reporting;
using CityBrain.Simulators.Fleet.Tests.Support;
using CityBrain.Simulators.Fleet.Uplinks;
using MQTTnet.Protocol;

namespace CityBrain.Simulators.Fleet.Tests.Publishing;

/// <summary>The fleet against a real MQTTnet broker on loopback that checks each gateway's derived password and topic.</summary>
public sealed class FleetPublishingTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    /// <summary>A simulated minute at twenty times real speed: three seconds, sixty one-second reports per gateway.</summary>
    private static void QuickMinute(FleetOptions o)
    {
        o.ReportInterval = TimeSpan.FromSeconds(1);
        o.TimeScale = 20;
        o.Duration = TimeSpan.FromMinutes(1);
    }

    [Fact]
    public async Task Against_two_brokers_the_gateways_spread_over_both_and_every_report_is_acknowledged()
    {
        await using var other = await TestBroker.StartAsync();

        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north", "south"];
            o.Gateways = 12;
            o.BrokerEndpoints = [$"127.0.0.1:{_broker.Port}", $"127.0.0.1:{other.Port}"];
        });

        var summary = fleet.Summary!;
        Assert.True(summary.Errors == 0, summary.Describe());
        var (onFirst, onSecond) = (_broker.ConnectedClients.ToHashSet(), other.ConnectedClients.ToHashSet());
        Assert.NotEmpty(onFirst);
        Assert.NotEmpty(onSecond);
        // Nothing failed, so each gateway stayed on the broker it started at.
        Assert.Equal(12, onFirst.Count + onSecond.Count);
        Assert.Empty(onFirst.Intersect(onSecond));
        Assert.Equal(summary.Counters.Count(MessageKind.Report, DeliveryStatus.Acknowledged), _broker.Telemetry().Count() + other.Telemetry().Count());
    }

    [Fact]
    public async Task With_one_of_two_brokers_down_every_gateway_fails_over_to_the_other_and_nothing_is_lost()
    {
        int down;
        await using (var stopped = await TestBroker.StartAsync()) down = stopped.Port;

        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north", "south"];
            o.Gateways = 12;
            o.BrokerEndpoints = [$"127.0.0.1:{down}", $"127.0.0.1:{_broker.Port}"];
        });

        var summary = fleet.Summary!;
        Assert.True(summary.Errors == 0, summary.Describe());
        Assert.Equal(12, _broker.ConnectedClients.Distinct().Count());
        var telemetry = _broker.Telemetry().ToList();
        Assert.Equal(summary.Counters.Count(MessageKind.Report, DeliveryStatus.Acknowledged), telemetry.Count);
        Assert.InRange(telemetry.Count, 12 * 55, 12 * 60);
    }

    [Fact]
    public async Task Each_gateway_connects_as_itself_says_online_reports_under_its_own_topic_and_says_offline_at_the_end()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north", "south"];
            o.Gateways = 6;
        });

        var summary = fleet.Summary!;
        Assert.True(summary.Errors == 0, summary.Describe());
        var telemetry = _broker.Telemetry().ToList();
        Assert.Equal(summary.Counters.Count(MessageKind.Report, DeliveryStatus.Acknowledged), telemetry.Count);
        Assert.InRange(telemetry.Count, 6 * 55, 6 * 60);
        foreach (var device in telemetry.GroupBy(m => m.ClientId))
        {
            var reports = device.Select(m =>
            {
                Assert.True(TopicAddress.TryParse(m.Topic, out var address));
                Assert.Equal(m.ClientId, address.Device);
                var parsed = WireFormat.ParseTelemetry(address, new ReadOnlySequence<byte>(m.Payload), DateTimeOffset.UtcNow);
                Assert.True(parsed.Ok, parsed.Rejection?.ToString());
                return parsed.Value;
            }).ToList();
            // Consecutive sequence numbers and consecutive windows: nothing skipped, nothing repeated.
            Assert.Equal(Enumerable.Range(0, reports.Count).Select(i => reports[0].Sequence + i), reports.Select(r => r.Sequence));
            Assert.All(reports.Zip(reports.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(1), p.Second.Timestamp - p.First.Timestamp));
        }
        Assert.Equal(["sim-north-0001", "sim-north-0002", "sim-north-0003", "sim-south-0001", "sim-south-0002", "sim-south-0003"],
            telemetry.Select(m => m.ClientId).Distinct().Order());

        var statuses = _broker.Accepted.Where(m => m.Topic.EndsWith("/status", StringComparison.Ordinal)).ToList();
        Assert.All(statuses, s => Assert.True(s.Retain));
        Assert.All(statuses.GroupBy(s => s.ClientId), device => Assert.Equal(
            [DeviceState.Online, DeviceState.Offline],
            device.Select(s => WireFormat.ParseStatus(new ReadOnlySequence<byte>(s.Payload)).Value!.State)));
    }

    [Fact]
    public async Task An_accelerated_run_replays_the_recent_past_so_that_nothing_is_dated_in_the_future()
    {
        var before = DateTimeOffset.UtcNow;
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north"];
            o.Gateways = 1;
        });

        var stamps = _broker.Telemetry().Select(m => WireFormat.ParseTelemetry(m.Payload, DateTimeOffset.UtcNow).Value!.Timestamp).ToList();
        Assert.True(fleet.Run!.Start < before.AddSeconds(-50));
        Assert.All(stamps, t => Assert.True(t < DateTimeOffset.UtcNow));
        Assert.True(stamps.Max() - stamps.Min() >= TimeSpan.FromSeconds(55));
    }

    [Fact]
    public async Task A_wrong_fleet_secret_is_refused_and_counted_without_crashing_the_fleet()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north"];
            o.Gateways = 2;
            o.FleetSecret = "wrong";
        });

        Assert.Empty(_broker.Telemetry());
        Assert.True(fleet.Summary!.Counters.LinkProblems >= 2);
        Assert.Contains("BadUserNameOrPassword", fleet.Summary.Counters.LastProblem);
        Assert.True(fleet.Summary.Counters.Count(MessageKind.Report, DeliveryStatus.NotSent) > 0);
    }

    [Fact]
    public async Task Shared_mode_packs_many_gateways_into_a_few_service_connections_on_their_own_topics()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north", "south"];
            o.Gateways = 20;
            o.Uplink = UplinkMode.Shared;
            o.SharedConnections = 2;
            o.InFlight = 4;
            o.ServiceUser = TestBroker.ServiceUser;
            o.ServicePassword = TestBroker.ServicePassword;
        });

        Assert.Equal(0, fleet.Summary!.Errors);
        Assert.Equal(2, _broker.ConnectedClients.Count);
        var telemetry = _broker.Telemetry().ToList();
        Assert.Equal(20, telemetry.Select(m => m.Topic).Distinct().Count());
        Assert.All(telemetry, m => Assert.StartsWith("sim-shared-", m.ClientId));
        Assert.All(telemetry, m => Assert.True(WireFormat.ParseTelemetry(m.Payload, DateTimeOffset.UtcNow).Ok));
    }

    [Fact]
    public async Task Injected_faults_get_the_answers_a_careful_broker_gives_and_are_told_apart_from_errors()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north", "south"];
            o.Gateways = 4;
            o.Faults = ["corrupt:gateways=sim-north-0001,rate=0.3", "duplicate:gateways=sim-north-0002,rate=0.3",
                "foreignTopic:gateways=sim-south-0001,rate=0.3", "clockSkew:gateways=sim-south-0002,skew=+10m"];
        });

        var c = fleet.Summary!.Counters;
        // Corrupt payloads, resends and foreign-topic publishes go beside the outbox, so those made while the link was
        // still coming up were never sent; everything that was sent got its one right answer.
        long Sent(MessageKind kind) => c.Count(kind) - c.Count(kind, DeliveryStatus.NotSent);
        Assert.Equal(0, fleet.Summary.Errors);
        Assert.True(Sent(MessageKind.Corrupt) > 5);
        Assert.Equal(Sent(MessageKind.Corrupt), c.Count(MessageKind.Corrupt, DeliveryStatus.Refused));
        Assert.Equal(c.Count(MessageKind.Skewed, DeliveryStatus.Refused), c.RefusalsObserved);
        Assert.True(Sent(MessageKind.Duplicate) > 5);
        Assert.Equal(Sent(MessageKind.Duplicate), c.Count(MessageKind.Duplicate, DeliveryStatus.Acknowledged));
        Assert.True(Sent(MessageKind.ForeignTopic) > 5);
        Assert.Equal(Sent(MessageKind.ForeignTopic), c.Count(MessageKind.ForeignTopic, DeliveryStatus.Refused));
        Assert.Equal(Sent(MessageKind.ForeignTopic), _broker.Refused.Count(r => r.Code == MqttPubAckReasonCode.NotAuthorized));
        // Ten minutes fast is beyond the contract's five: every report of that gateway is refused, as the cluster would.
        Assert.True(c.Count(MessageKind.Skewed, DeliveryStatus.Refused) > 50);
        Assert.Equal(0, c.Count(MessageKind.Skewed, DeliveryStatus.Acknowledged));
        Assert.Contains("corrupt payloads refused", fleet.Summary.Describe());
    }

    [Fact]
    public async Task With_the_gateway_outbox_an_outage_loses_nothing_and_the_backlog_arrives_in_order_after_it()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north"];
            o.Gateways = 2;
            o.HealthInterval = TimeSpan.FromSeconds(10);
            o.Faults = ["offline:gateways=sim-north-0001,start=+15s,duration=20s"];
        });

        var c = fleet.Summary!.Counters;
        Assert.True(fleet.Summary.Errors == 0, fleet.Summary.Describe());
        Assert.Equal(1, c.Drops);
        Assert.Equal(0, c.Count(MessageKind.Report, DeliveryStatus.NotSent));
        // A publish cut off by the outage may arrive twice (at least once); the cluster drops the repeat by its sequence.
        var reports = Reports("sim-north-0001").DistinctBy(r => r.Sequence).ToList();
        Assert.Equal(reports.Count, reports.Select(r => r.Timestamp).Distinct().Count());
        Assert.InRange(reports.Count, 59, 61);
        // Every window of the minute arrived, oldest first, none missing.
        Assert.Equal(reports.OrderBy(r => r.Sequence).Select(r => r.Sequence), reports.Select(r => r.Sequence));
        Assert.All(reports.Zip(reports.Skip(1)), p => Assert.Equal(TimeSpan.FromSeconds(1), p.Second.Timestamp - p.First.Timestamp));
        Assert.Equal(Reports("sim-north-0002").Count, reports.Count);

        // Health goes through the gateway's own publisher, naming the broker it is connected to, and not while the link is down.
        var health = Health("sim-north-0001");
        Assert.InRange(health.Count, 2, 5);
        Assert.All(health, h => Assert.Equal($"127.0.0.1:{_broker.Port}", h.Broker));
        Assert.DoesNotContain(health, h => h.Timestamp >= fleet.Run!.Start.AddSeconds(15) && h.Timestamp < fleet.Run.Start.AddSeconds(35));
        Assert.Equal(0, health[^1].DroppedReports);
        Assert.NotNull(health[^1].LastPublish);
        Assert.InRange(Health("sim-north-0002").Count, 4, 7);
    }

    [Fact]
    public async Task Simulated_gateways_publish_health_each_interval_with_what_their_faults_did()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.HealthInterval = TimeSpan.FromSeconds(10);
            o.Districts = ["north"];
            o.Gateways = 2;
            o.Uplink = UplinkMode.Direct;
            o.Faults = ["offline:gateways=sim-north-0001,start=+15s,duration=20s", "failing:gateways=sim-north-0002,quantities=pm2_5",
                "clockSkew:gateways=sim-north-0002,skew=-1m"];
        });

        var c = fleet.Summary!.Counters;
        Assert.Equal(0, fleet.Summary.Errors);
        // Without an outbox the reports of the outage are dropped, and the health after it says how many.
        var cut = Health("sim-north-0001");
        Assert.DoesNotContain(cut, h => h.Timestamp >= fleet.Run!.Start.AddSeconds(15) && h.Timestamp < fleet.Run.Start.AddSeconds(35));
        Assert.True(cut[^1].Timestamp > fleet.Run!.Start.AddSeconds(35), "a health report follows the outage");
        Assert.Equal(c.Count(MessageKind.Report, DeliveryStatus.NotSent), cut[^1].DroppedReports);
        Assert.InRange(cut[^1].DroppedReports, 18, 21);
        Assert.Equal(0, cut[^1].OutboxDepth);
        // The failing particle sensor counts an error a window, the others none; the clock check sees the skew.
        var failing = Health("sim-north-0002");
        Assert.InRange(failing.Count, 5, 7);
        Assert.All(failing.Zip(failing.Skip(1)), p => Assert.True(p.Second.Timestamp - p.First.Timestamp >= TimeSpan.FromSeconds(10)));
        var sensor = Reports("sim-north-0002")[0].Readings.Single(r => r.Quantity == Quantity.Pm2_5).Sensor;
        var particles = failing.Select(h => h.Sensors.Single(s => s.Sensor == sensor)).ToList();
        Assert.True(particles[^1].Errors >= 50, $"{particles[^1].Errors} errors in a minute of one-second windows");
        Assert.Equal(particles.Select(p => p.Errors).Order(), particles.Select(p => p.Errors));
        Assert.Equal("no valid sample in the window: the sensor did not answer", particles[^1].LastError);
        Assert.All(failing[^1].Sensors.Where(s => s.Sensor != sensor), s => Assert.Equal(0, s.Errors));
        Assert.All(failing, h => Assert.Equal(-60, h.ClockSkewSeconds));
    }

    [Fact]
    public async Task Without_an_outbox_the_reports_of_an_outage_are_lost_and_counted()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            QuickMinute(o);
            o.Districts = ["north"];
            o.Gateways = 2;
            o.Uplink = UplinkMode.Direct;
            o.Faults = ["offline:gateways=sim-north-0001,start=+15s,duration=20s"];
        });

        var c = fleet.Summary!.Counters;
        Assert.Equal(0, fleet.Summary.Errors);
        Assert.InRange(c.Count(MessageKind.Report, DeliveryStatus.NotSent), 18, 21);
        Assert.Equal(Reports("sim-north-0002").Count - c.Count(MessageKind.Report, DeliveryStatus.NotSent), Reports("sim-north-0001").Count);
    }

    [Fact]
    public async Task A_dropped_link_leaves_the_last_will_retained_and_a_reopened_one_says_online_again()
    {
        var city = TestCity.FourCharacters();
        var site = TestCity.Site(city, "homes");
        var ledger = new FleetLedger(new FleetCounters());
        await using var uplink = new DirectUplink(site, new BrokerEndpoint("127.0.0.1", _broker.Port),
            new DerivedGatewayCredentials(TestBroker.FleetSecret).For(site.DeviceId), 1, ledger, TimeProvider.System);

        Assert.True(await uplink.OpenAsync(CancellationToken.None));
        await Eventually.HoldsAsync(() => RetainedState(site).Result == DeviceState.Online, "the birth message is retained");
        await uplink.DropAsync();
        await Eventually.HoldsAsync(() => RetainedState(site).Result == DeviceState.Offline, "the broker publishes the last will");
        Assert.False(uplink.IsConnected);

        Assert.True(await uplink.OpenAsync(CancellationToken.None));
        await Eventually.HoldsAsync(() => RetainedState(site).Result == DeviceState.Online, "the gateway says online again");
        Assert.True(uplink.IsConnected);
    }

    /// <summary>The health reports of a device, in the order they arrived, each checked against the contract.</summary>
    private List<Health> Health(string device) => [.. _broker.Accepted
        .Where(m => m.ClientId == device && m.Topic.EndsWith("/health", StringComparison.Ordinal))
        .Select(m =>
        {
            var parsed = WireFormat.ParseHealth(new ReadOnlySequence<byte>(m.Payload));
            Assert.True(parsed.Ok, parsed.Rejection?.ToString());
            Assert.Equal(device, parsed.Value!.DeviceId);
            return parsed.Value;
        })];

    private List<Telemetry> Reports(string device) => _broker.Telemetry()
        .Where(m => m.ClientId == device)
        .Select(m => WireFormat.ParseTelemetry(new ReadOnlySequence<byte>(m.Payload), DateTimeOffset.UtcNow).Value!)
        .ToList();

    private async Task<DeviceState?> RetainedState(GatewaySite site)
    {
        var status = (await _broker.RetainedAsync()).FirstOrDefault(m => m.Topic == site.StatusTopic);
        return status is null ? null : WireFormat.ParseStatus(status.Payload).Value?.State;
    }
}
