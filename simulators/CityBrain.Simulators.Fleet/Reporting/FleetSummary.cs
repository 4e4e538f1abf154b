using System.Globalization;
using System.Text;
using CityBrain.Simulators.Fleet.Uplinks;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Reporting;

/// <summary>How a run went: what was sent and what became of it, with injected faults told apart from real problems.</summary>
public sealed record FleetSummary(
    FleetRun Run, UplinkMode Uplink, FleetSnapshot Counters, TimeSpan RealElapsed, DateTimeOffset SimulatedEnd, IReadOnlyList<ResolvedEpisode> Episodes)
{
    /// <summary>Through the gateway's outbox a refusal is seen only as a count; it must match the reports the contract
    /// says had to be refused (those stamped too far ahead), or the cluster refused an honest report. Corrupt payloads
    /// do not pass the outbox, so each of their answers is seen on its own.</summary>
    public long UnexplainedRefusals => Uplink == UplinkMode.Gateway
        ? Math.Abs(Counters.RefusalsObserved - Counters.Count(MessageKind.Skewed, DeliveryStatus.Refused))
        : 0;

    /// <summary>Everything that went wrong without a fault to explain it; the command line's exit code.</summary>
    public long Errors => Counters.Errors + UnexplainedRefusals;

    public string OneLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Counters.Count(MessageKind.Report, DeliveryStatus.Acknowledged):N0} reports acknowledged, {Errors:N0} errors, {Counters.Count(MessageKind.Report, DeliveryStatus.NotSent):N0} not sent, {FaultMessages:N0} fault messages, {RealElapsed.TotalSeconds:N0} s real for {(SimulatedEnd - Run.Start).TotalHours:N1} h simulated");

    private long FaultMessages => Counters.Count(MessageKind.Skewed) + Counters.Count(MessageKind.Corrupt) + Counters.Count(MessageKind.Duplicate) + Counters.Count(MessageKind.ForeignTopic);

    /// <summary>The summary table printed at the end of <c>citybrain-fleet run</c>.</summary>
    public string Describe()
    {
        var c = Counters;
        var text = new StringBuilder();
        void Line(string label, string value) => text.Append(CultureInfo.InvariantCulture, $"  {label,-34} {value}\n");
        string N(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

        text.Append(CultureInfo.InvariantCulture, $"{Run.Scenario.Name}: {N(Run.Sites.Count)} gateways in {Run.Scenario.Districts.Count} districts, seed {Run.Scenario.Seed}\n");
        Line("simulated", $"{Run.Start:u} → {SimulatedEnd:u} ({(SimulatedEnd - Run.Start).TotalHours:N1} h at time scale {Run.TimeScale})");
        Line("real time", $"{RealElapsed.TotalSeconds:N1} s");
        Line("link problems", N(c.LinkProblems));
        Line("reports acknowledged", $"{N(c.Count(MessageKind.Report, DeliveryStatus.Acknowledged))} ({Rate(c.Count(MessageKind.Report, DeliveryStatus.Acknowledged))}/s, {c.AcknowledgedBytes / 1e6:N1} MB)");
        Line("reports refused / failed", $"{N(c.Count(MessageKind.Report, DeliveryStatus.Refused))} / {N(c.Count(MessageKind.Report, DeliveryStatus.Failed))}");
        Line("reports not sent", N(c.Count(MessageKind.Report, DeliveryStatus.NotSent)));
        Line("outages injected", N(c.Drops));
        if (c.Count(MessageKind.Skewed) > 0)
        {
            Line("skewed reports acknowledged / refused", $"{N(c.Count(MessageKind.Skewed, DeliveryStatus.Acknowledged))} / {N(c.Count(MessageKind.Skewed, DeliveryStatus.Refused))}");
        }
        Expected("duplicates acknowledged", MessageKind.Duplicate, DeliveryStatus.Acknowledged);
        Expected("corrupt payloads refused", MessageKind.Corrupt, DeliveryStatus.Refused);
        Expected("foreign-topic publishes refused", MessageKind.ForeignTopic, DeliveryStatus.Refused);
        if (Uplink == UplinkMode.Gateway && (c.RefusalsObserved > 0 || UnexplainedRefusals > 0))
        {
            Line("refusals counted by the gateways", N(c.RefusalsObserved) + (UnexplainedRefusals == 0 ? "" : $"  ← {N(UnexplainedRefusals)} more or fewer than the contract requires"));
        }
        foreach (var episode in Episodes)
        {
            Line("pollution episode", $"from {episode.Origin} at {episode.Start:u}, ×{1 + episode.Intensity:0.#} particulates at its peak, {episode.Duration.TotalHours:0.#} h");
        }
        if (c.LastProblem is { } problem) Line("last problem", problem);
        return text.ToString();

        // A fault's messages all have one right answer; any other outcome means the cluster got it wrong.
        void Expected(string label, MessageKind kind, DeliveryStatus right)
        {
            var all = c.Count(kind) - c.Count(kind, DeliveryStatus.NotSent);
            if (all == 0) return;
            Line(label, $"{N(c.Count(kind, right))} of {N(all)}" + (c.Count(kind, right) == all ? "" : "  ← the cluster answered the others wrongly"));
        }
    }

    private string Rate(long count) => (count / Math.Max(RealElapsed.TotalSeconds, 0.001)).ToString("N0", CultureInfo.InvariantCulture);
}
