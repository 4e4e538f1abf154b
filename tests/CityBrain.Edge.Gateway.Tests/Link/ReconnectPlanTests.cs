using CityBrain.Edge.Gateway.Tests.Support;
using CityBrain.Edge.Link;

namespace CityBrain.Edge.Gateway.Tests.Link;

/// <summary>Where and when a link reconnects, step by step, with the random draws decided by the test.</summary>
public sealed class ReconnectPlanTests
{
    private static readonly BrokerAddress A = new("node-a", 1883), B = new("node-b", 1883), C = new("node-c", 1883);

    private static LinkOptions Options(params BrokerAddress[] brokers) => new("gw-plan", "haidian", brokers, "secret")
    {
        MinBackoff = TimeSpan.FromSeconds(1),
        MaxBackoff = TimeSpan.FromSeconds(30),
        RefusedRetry = TimeSpan.FromMinutes(2),
    };

    private static TimeSpan Ms(double milliseconds) => TimeSpan.FromMilliseconds(milliseconds);

    [Fact]
    public void Each_broker_is_tried_once_before_a_wait_and_every_failed_round_waits_longer_up_to_the_cap()
    {
        var plan = new ReconnectPlan(Options(A, B, C), new ScriptedRandom(0.5));

        var attempts = new List<(BrokerAddress Broker, TimeSpan Wait)>();
        for (var attempt = 0; attempt < 8 * 3; attempt++)
        {
            var broker = plan.Current;
            attempts.Add((broker, plan.Unreachable()));
        }

        // Half of each ceiling (the script draws 0.5): 1 s, 2 s, 4 s, ... doubling per round, capped at 30 s.
        double[] roundWaits = [500, 1_000, 2_000, 4_000, 8_000, 15_000, 15_000, 15_000];
        var expected = roundWaits.SelectMany(wait => new[] { (A, TimeSpan.Zero), (B, TimeSpan.Zero), (C, Ms(wait)) });
        Assert.Equal(expected, attempts);
    }

    [Fact]
    public void Every_wait_is_drawn_between_zero_and_its_round_s_ceiling()
    {
        var options = Options(A);
        var plan = new ReconnectPlan(options, new Random(20261123));

        var waits = Enumerable.Range(0, 40).Select(_ => plan.Unreachable()).ToList();

        Assert.All(waits.Select((wait, round) => (wait, round)), w =>
            Assert.InRange(w.wait, TimeSpan.Zero, TimeSpan.FromTicks(Math.Min(options.MaxBackoff.Ticks, options.MinBackoff.Ticks << Math.Min(w.round, 20)))));
        // Drawn, not fixed: past the first rounds the waits under the 30 s cap all differ.
        Assert.Equal(35, waits.Skip(5).Distinct().Count());
    }

    [Fact]
    public void The_draw_spans_the_whole_range_from_zero_to_the_cap()
    {
        var lowest = new ReconnectPlan(Options(A), new ScriptedRandom(0.0));
        var highest = new ReconnectPlan(Options(A), new ScriptedRandom(0.999));

        var low = Enumerable.Range(0, 10).Select(_ => lowest.Unreachable()).ToList();
        var high = Enumerable.Range(0, 10).Select(_ => highest.Unreachable()).ToList();

        Assert.All(low, wait => Assert.Equal(TimeSpan.Zero, wait));
        Assert.All(high, wait => Assert.InRange(wait, TimeSpan.Zero, TimeSpan.FromSeconds(30)));
        Assert.InRange(high[^1], TimeSpan.FromSeconds(29.9), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void A_dropped_connection_waits_before_its_first_retry_and_moves_on_to_the_next_broker()
    {
        var plan = new ReconnectPlan(Options(A, B, C), new ScriptedRandom(0.25));
        plan.Connected();

        var afterDrop = plan.Dropped();
        var next = plan.Current;
        var atB = plan.Unreachable();
        var atC = plan.Unreachable();

        Assert.Equal((Ms(250), B), (afterDrop, next));
        // The dropped broker counts in the round: after B and C the round is over, and the next wait is longer.
        Assert.Equal((TimeSpan.Zero, Ms(500), A), (atB, atC, plan.Current));
    }

    [Fact]
    public void A_connect_starts_the_backoff_afresh()
    {
        var plan = new ReconnectPlan(Options(A), new ScriptedRandom(0.5));
        var failing = Enumerable.Range(0, 4).Select(_ => plan.Unreachable()).ToList();

        plan.Connected();

        Assert.Equal([Ms(500), Ms(1_000), Ms(2_000), Ms(4_000)], failing);
        Assert.Equal(Ms(500), plan.Dropped());
    }

    [Fact]
    public void Refused_credentials_wait_the_slow_retry_before_the_next_broker_is_asked()
    {
        var plan = new ReconnectPlan(Options(A, B, C), new ScriptedRandom(0.5));

        var waits = new[] { plan.Refused(), plan.Refused(), plan.Refused() };

        Assert.All(waits, wait => Assert.Equal(TimeSpan.FromMinutes(2), wait));
        Assert.Equal(A, plan.Current);
    }

    [Fact]
    public void A_fleet_spreads_over_the_brokers_and_the_gateways_of_a_failed_node_come_back_spread_out()
    {
        var plans = Enumerable.Range(0, 3_000).Select(i => new ReconnectPlan(Options(A, B, C), ReconnectPlan.SeededFor($"gw-{i:0000}"))).ToList();

        var starts = plans.CountBy(p => p.Current).ToDictionary();
        var onA = plans.Where(p => p.Current == A).ToList();
        foreach (var plan in onA) plan.Connected();
        var drops = onA.Select(p => (Wait: p.Dropped(), Next: p.Current)).ToList();

        Assert.All([A, B, C], broker => Assert.InRange(starts[broker], 900, 1_100));
        // Node A fails: its gateways do not all move to the same node, nor at the same instant.
        Assert.All([B, C], broker => Assert.InRange(drops.Count(d => d.Next == broker), onA.Count * 4 / 10, onA.Count * 6 / 10));
        Assert.All(drops, d => Assert.InRange(d.Wait, TimeSpan.Zero, TimeSpan.FromSeconds(1)));
        Assert.All(drops.CountBy(d => d.Wait.Ticks / TimeSpan.FromMilliseconds(100).Ticks), slot => Assert.InRange(slot.Value, onA.Count / 20, onA.Count / 5));
        Assert.Equal(10, drops.CountBy(d => d.Wait.Ticks / TimeSpan.FromMilliseconds(100).Ticks).Count());
    }

    [Fact]
    public void A_gateway_starts_at_the_same_broker_on_every_start()
    {
        var first = new ReconnectPlan(Options(A, B, C), ReconnectPlan.SeededFor("gw-0042"));
        var again = new ReconnectPlan(Options(A, B, C), ReconnectPlan.SeededFor("gw-0042"));

        Assert.Equal(first.Current, again.Current);
    }
}
