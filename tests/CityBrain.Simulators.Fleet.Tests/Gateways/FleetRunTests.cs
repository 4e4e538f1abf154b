using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Simulators.Fleet.Tests.Gateways;

public class FleetRunTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static FleetOptions Quick(Action<FleetOptions>? change = null)
    {
        var o = new FleetOptions { Districts = ["north", "south"], Gateways = 4, FleetSecret = "s" };
        change?.Invoke(o);
        return o;
    }

    [Fact]
    public void An_accelerated_run_is_placed_in_the_recent_past_so_that_it_ends_at_the_present()
    {
        var run = FleetRun.Plan(Quick(o => { o.TimeScale = 60; o.Duration = TimeSpan.FromDays(1); }), new FakeTimeProvider(Now));

        Assert.Equal(Now - TimeSpan.FromDays(1) + TimeSpan.FromMinutes(24), run.Start);
        Assert.Equal(Now + TimeSpan.FromMinutes(24), run.End);   // reached 24 real minutes from now
        var clock = run.Clock(new FakeTimeProvider(Now));
        Assert.Equal(run.Start, clock.GetUtcNow());
    }

    [Theory]
    [InlineData(60.0, null, null, nameof(FleetOptions.Duration), "a time scale above 1 needs a duration")]
    [InlineData(1.0, "2026-11-23T13:00:00Z", null, nameof(FleetOptions.Start), "is in the future")]
    [InlineData(10.0, "2026-11-23T11:00:00Z", 1440, nameof(FleetOptions.Start), "ahead of the real clock")]
    [InlineData(0.0, null, null, nameof(FleetOptions.TimeScale), "is not a time scale")]
    public void A_timeline_that_would_send_reports_from_the_future_is_refused(double scale, string? start, int? minutes, string setting, string problem)
    {
        var ex = Assert.Throws<FleetConfigurationException>(() => FleetRun.Plan(Quick(o =>
        {
            o.TimeScale = scale;
            o.Start = start is null ? null : DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture);
            o.Duration = minutes is { } m ? TimeSpan.FromMinutes(m) : null;
        }), new FakeTimeProvider(Now)));

        Assert.Equal(setting, ex.Setting);
        Assert.Contains(problem, ex.Problem);
    }

    [Fact]
    public void A_scenario_fleet_can_be_resized_and_renamed_and_keeps_its_proportions()
    {
        var run = FleetRun.Plan(new FleetOptions { ScenarioPath = TestCity.DemoCityPath, Gateways = 1000, DevicePrefix = "b", FleetSecret = "s" },
            new FakeTimeProvider(Now));

        Assert.Equal(1000, run.Sites.Count);
        Assert.Equal(140, run.Sites.Count(s => s.District.Id == "chaoyang"));   // 14 of the scenario's 100
        Assert.Equal("b-chaoyang-0001", run.Sites.First(s => s.District.Id == "chaoyang").DeviceId);
        Assert.Throws<FleetConfigurationException>(() => FleetRun.Plan(Quick(o => o.DevicePrefix = "Bad Prefix"), new FakeTimeProvider(Now)));
    }

    [Fact]
    public void Sequence_numbers_of_a_later_run_start_above_anything_an_earlier_run_could_send()
    {
        var time = new FakeTimeProvider(Now);
        var first = FleetRun.Plan(Quick(), time);
        time.Advance(TimeSpan.FromSeconds(1));
        var second = FleetRun.Plan(Quick(), time);

        // A million reports per gateway in the first second would still not reach the second run's first number.
        Assert.True(second.SequenceBase - first.SequenceBase >= 1 << 20);
    }

    [Fact]
    public void Gateways_report_spread_over_the_interval_and_each_always_at_the_same_phase()
    {
        var run = FleetRun.Plan(Quick(o => o.Gateways = 400), new FakeTimeProvider(Now));
        var phases = run.Sites.Select(run.Phase).ToList();

        Assert.All(phases, p => Assert.InRange(p, TimeSpan.Zero, run.Scenario.ReportInterval));
        Assert.InRange(phases.Count(p => p < run.Scenario.ReportInterval / 2), 160, 240);
        Assert.Equal(phases, FleetRun.Plan(Quick(o => o.Gateways = 400), new FakeTimeProvider(Now)).Sites.Select(run.Phase));
    }

    [Fact]
    public void Largest_remainder_spreading_keeps_the_total()
    {
        Assert.Equal([1, 1, 1], FleetPlan.Spread([1, 1, 1], 3));
        Assert.Equal([2, 1, 0], FleetPlan.Spread([6, 3, 1], 3));
        Assert.Equal(1001, FleetPlan.Spread([6, 8, 6, 4, 6, 12, 14, 8, 8, 10, 10, 8], 1001).Sum());
    }
}
