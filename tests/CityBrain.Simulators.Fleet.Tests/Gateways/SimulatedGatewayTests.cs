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

        public Task DropAsync() => Record("drop", true);

        public Task CloseAsync(CancellationToken cancellationToken) => Record("close", true);

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private Task<bool> Record(string what, bool result)
        {
            lock (Events) Events.Add(what);
            return Task.FromResult(result);
        }
    }

    private static (SimulatedGateway Gateway, RecordingUplink Uplink, FakeTimeProvider Time) Gateway(TimeSpan phase, params FaultScenario[] faults)
    {
        var start = new DateTimeOffset(2026, 11, 23, 8, 0, 3, TimeSpan.Zero);
        var time = new FakeTimeProvider(start);
        var city = TestCity.FourCharacters();
        var site = TestCity.Site(city, "homes");
        var uplink = new RecordingUplink();
        var plan = new FaultPlan(faults, FleetPlan.Sites(city), start, city.Seed);
        var gateway = new SimulatedGateway(site, plan.For(site), new ReportComposer(new CityAir(city, start), Interval, city.Seed), uplink, time, phase);
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
}
