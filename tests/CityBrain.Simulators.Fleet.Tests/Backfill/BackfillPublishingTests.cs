using CityBrain.Contracts.Parsing;
using CityBrain.Simulators.Fleet.Tests.Support;
using CityBrain.Simulators.Fleet.Uplinks;

namespace CityBrain.Simulators.Fleet.Tests.Backfill;

/// <summary>The history against a real MQTTnet broker, through the gateways' own outboxes.</summary>
public sealed class BackfillPublishingTests : IAsyncLifetime
{
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync() => await _broker.DisposeAsync();

    [Fact]
    public async Task Every_gateway_sends_a_day_of_hours_acknowledged_numbered_below_its_live_reports_and_then_reports_live()
    {
        var fleet = await FleetHost.RunAsync(_broker, o =>
        {
            o.Districts = ["north", "south"];
            o.Gateways = 4;
            o.ReportInterval = TimeSpan.FromSeconds(1);
            o.Duration = TimeSpan.FromSeconds(4);
            o.BackfillDays = 1;
            o.BackfillConcurrency = 2;
        });

        var result = await fleet.Backfill!;
        var reports = _broker.Telemetry().Select(m => WireFormat.ParseTelemetry(m.Payload, DateTimeOffset.UtcNow).Value!).ToList();
        Assert.Equal(4, result.Gateways);
        Assert.Equal(0, result.Unacknowledged);
        Assert.Equal(fleet.Counters.Snapshot().Count(MessageKind.Backfill, DeliveryStatus.Acknowledged), result.Acknowledged);
        foreach (var device in reports.GroupBy(r => r.DeviceId))
        {
            var history = device.Where(r => r.Timestamp < fleet.Run!.Start - TimeSpan.FromSeconds(1)).ToList();
            var live = device.Except(history).ToList();
            Assert.InRange(history.Count, 24, 25);
            Assert.Equal(24, history.Count(r => r.WindowSeconds == 3600));
            Assert.NotEmpty(live);
            Assert.True(history.Max(r => r.Sequence) < live.Min(r => r.Sequence), $"{device.Key}: history numbered after live reports");
            Assert.Equal(device.Count(), device.Select(r => r.Sequence).Distinct().Count());
        }
        Assert.Equal(4, reports.Select(r => r.DeviceId).Distinct().Count());
    }
}
