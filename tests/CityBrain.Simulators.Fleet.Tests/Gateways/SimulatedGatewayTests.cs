using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Health;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Tests.Support;
using CityBrain.Simulators.Fleet.Time;
using CityBrain.Simulators.Fleet.Uplinks;
using CityBrain.Simulators.Fleet.Values;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Fleet.Tests.Gateways;

public class SimulatedGatewayTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Records what a gateway does with its link, in order.</summary>
    private sealed class RecordingUplink : IGatewayUplink
    {
        public List<string> Events { get; } = [];

        public List<OutgoingMessage> Delivered { get; } = [];

        /// <summary>Health reports, apart from <see cref="Events"/>: their cadence is a test of its own.</summary>
        public List<Contracts.Payloads.Health> Health { get; } = [];

        /// <summary>What the uplink says of its outbox: three reports waiting, as if the broker were slow.</summary>
        public static readonly UplinkState State = new("broker.test:1883", 2,
            new OutboxSnapshot(3, 12.5, 0, 1, 0, 40, null, 44, 4096, 1 << 20));

        public bool IsConnected => true;

        public Task<bool> OpenAsync(CancellationToken cancellationToken) => Record("open", true);

        public Task DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            lock (Events)
            {
                Delivered.Add(message);
                Events.Add($"report {message.Report.Timestamp:HH:mm:ss}");
            }
            return Task.CompletedTask;
        }

        public Task<bool> PublishHealthAsync(Func<UplinkState, Contracts.Payloads.Health> health, CancellationToken cancellationToken)
        {
            lock (Events) Health.Add(health(State));
            return Task.FromResult(true);
        }

        public Task DropAsync() => Record("drop", true);

        public Task CloseAsync(CancellationToken cancellationToken) => Record("close", true);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private Task<bool> Record(string what, bool result)
        {
            lock (Events) Events.Add(what);
            return Task.FromResult(result);
        }
    }

    private static (SimulatedGateway Gateway, RecordingUplink Uplink, FakeTimeProvider Time) Gateway(TimeSpan phase, params FaultScenario[] faults) =>
        Gateway(phase, TimeSpan.FromMinutes(1), faults);

    private static (SimulatedGateway Gateway, RecordingUplink Uplink, FakeTimeProvider Time) Gateway(TimeSpan phase, TimeSpan healthInterval, params FaultScenario[] faults)
    {
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 3, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var city = TestCity.FourCharacters();
        var site = TestCity.Site(city, "homes");
        var uplink = new RecordingUplink();
        var plan = new FaultPlan(faults, FleetPlan.Sites(city), start, city.Seed);
        var gateway = new SimulatedGateway(site, plan.For(site), new ReportComposer(new CityAir(city, start), Interval, city.Seed), uplink, time, phase, healthInterval);
        return (gateway, uplink, time);
    }

    private static async Task AdvanceAsync(FakeTimeProvider time, TimeSpan by)
    {
        // Small steps, each letting the gateway's continuation run before the clock moves on.
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromSeconds(1))
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task Each_window_is_reported_once_after_it_ends_plus_the_phase()
    {
        var (gateway, uplink, time) = Gateway(TimeSpan.FromSeconds(4));
        var run = gateway.RunAsync(time.GetUtcNow(), until: new DateTimeOffset(2026, 11, 23, 8, 0, 40, TimeSpan.Zero), CancellationToken.None);

        await AdvanceAsync(time, TimeSpan.FromSeconds(12));
        Assert.Equal(["open", "report 08:00:00"], uplink.Events);     // the window 08:00:00–10 goes out at 08:00:14
        await AdvanceAsync(time, TimeSpan.FromSeconds(40));
        await run;

        Assert.Equal(["open", "report 08:00:00", "report 08:00:10", "report 08:00:20", "report 08:00:30", "close"], uplink.Events);
    }

    [Fact]
    public async Task An_outage_drops_the_link_without_goodbye_and_reopens_it_when_it_ends()
    {
        var outage = new FaultScenario(FaultKind.Offline, new GatewaySelector(["sim-homes-0001"], [], null),
            new FaultWindow(new ScenarioInstant(null, TimeSpan.FromSeconds(15)), TimeSpan.FromSeconds(20)));
        var (gateway, uplink, time) = Gateway(TimeSpan.FromSeconds(1), outage);
        var run = gateway.RunAsync(time.GetUtcNow(), until: new DateTimeOffset(2026, 11, 23, 8, 1, 0, TimeSpan.Zero), CancellationToken.None);

        await AdvanceAsync(time, TimeSpan.FromSeconds(70));
        await run;

        // Reports at :11 (online), :21 and :31 (offline, 08:00:18–38), :41 onwards (online again). What happens to the
        // reports produced during the outage is the uplink's business: with an outbox they wait, without one they are lost.
        Assert.Equal(["open", "report 08:00:00", "drop", "report 08:00:10", "report 08:00:20", "open", "report 08:00:30",
            "report 08:00:40", "report 08:00:50", "close"], uplink.Events);
    }

    [Fact]
    public async Task A_gateway_that_starts_inside_an_outage_stays_off_the_broker_until_it_ends()
    {
        var outage = new FaultScenario(FaultKind.Offline, new GatewaySelector(["sim-homes-0001"], [], null),
            new FaultWindow(ScenarioInstant.AtStart, TimeSpan.FromSeconds(15)));
        var (gateway, uplink, time) = Gateway(TimeSpan.Zero, outage);
        var run = gateway.RunAsync(time.GetUtcNow(), until: new DateTimeOffset(2026, 11, 23, 8, 0, 30, TimeSpan.Zero), CancellationToken.None);

        await AdvanceAsync(time, TimeSpan.FromSeconds(40));
        await run;

        Assert.Equal(["drop", "report 08:00:00", "open", "report 08:00:10", "report 08:00:20", "close"], uplink.Events);
    }

    [Fact]
    public async Task A_gateway_started_late_first_reports_the_windows_it_missed()
    {
        var (gateway, uplink, time) = Gateway(TimeSpan.FromSeconds(2));
        var run = gateway.RunAsync(time.GetUtcNow().AddSeconds(-25), until: new DateTimeOffset(2026, 11, 23, 8, 0, 20, TimeSpan.Zero), CancellationToken.None);

        await AdvanceAsync(time, TimeSpan.FromSeconds(1));
        Assert.Equal(["open", "report 07:59:30", "report 07:59:40", "report 07:59:50"], uplink.Events);
        await AdvanceAsync(time, TimeSpan.FromSeconds(30));
        await run;

        Assert.Equal(["open", "report 07:59:30", "report 07:59:40", "report 07:59:50", "report 08:00:00", "report 08:00:10", "close"], uplink.Events);
    }

    [Fact]
    public async Task Stopping_ends_the_run_with_a_goodbye()
    {
        var (gateway, uplink, time) = Gateway(TimeSpan.Zero);
        using var stop = new CancellationTokenSource();
        var run = gateway.RunAsync(time.GetUtcNow(), until: null, stop.Token);

        await AdvanceAsync(time, TimeSpan.FromSeconds(25));
        await stop.CancelAsync();
        await run;

        Assert.Equal("close", uplink.Events[^1]);
        Assert.Equal(2, uplink.Delivered.Count);
    }

    [Fact]
    public async Task Health_goes_out_each_interval_while_online_and_tells_the_failing_sensor_the_clock_skew_and_the_outbox()
    {
        var homes = new GatewaySelector(["sim-homes-0001"], [], null);
        var outage = new FaultScenario(FaultKind.Offline, homes, new FaultWindow(new ScenarioInstant(null, TimeSpan.FromSeconds(15)), TimeSpan.FromSeconds(20)));
        var failing = new FaultScenario(FaultKind.Failing, homes, FaultWindow.WholeRun, Quantities: [Quantity.Pm2_5]);
        var skew = new FaultScenario(FaultKind.ClockSkew, homes, FaultWindow.WholeRun, Skew: TimeSpan.FromMinutes(-2));
        var (gateway, uplink, time) = Gateway(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20), outage, failing, skew);
        var run = gateway.RunAsync(time.GetUtcNow(), until: new DateTimeOffset(2026, 11, 23, 8, 1, 0, TimeSpan.Zero), CancellationToken.None);

        await AdvanceAsync(time, TimeSpan.FromSeconds(70));
        await run;

        // Reports go out at :11, :21, :31, :41, :51 and 08:01:01; the link is down 08:00:18–38. Health is due at :11, then
        // at :31, when the link is down and none goes out, then at :41 and twenty seconds later.
        Assert.Equal(["08:00:11", "08:00:41", "08:01:01"], uplink.Health.Select(h => h.Timestamp.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)));
        Assert.All(uplink.Health, h => Assert.Equal("sim-homes-0001", h.DeviceId));
        // The fault begins with the run at 08:00:03, so from the window of 08:00:10 the sensor fails in every window it
        // measured, online or not: none, 3 and 5 by then.
        var particles = uplink.Health.Select(h => h.Sensors.Single(s => s.Sensor == "pms5003")).ToList();
        Assert.Equal([0L, 3L, 5L], particles.Select(s => s.Errors));
        Assert.Equal([null, ReadingFaults.NoAnswer, ReadingFaults.NoAnswer], particles.Select(s => s.LastError));
        Assert.All(particles, s => Assert.True(s.Samples > 0, "its other quantities still sample"));
        Assert.All(uplink.Health.SelectMany(h => h.Sensors).Where(s => s.Sensor != "pms5003"), s => Assert.Equal(0, s.Errors));
        Assert.All(uplink.Health, h => Assert.Equal(-120, h.ClockSkewSeconds));
        Assert.Equal([8.0, 38.0, 58.0], uplink.Health.Select(h => h.UptimeSeconds));
        // The outbox part is the uplink's.
        var last = uplink.Health[^1];
        Assert.Equal((3L, 12.5, 1L, "broker.test:1883", 2L), (last.OutboxDepth, last.OldestUnsentAgeSeconds!.Value, last.DroppedReports, last.Broker!, last.Failovers!.Value));
    }
}
