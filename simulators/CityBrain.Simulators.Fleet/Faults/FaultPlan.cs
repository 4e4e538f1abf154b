using CityBrain.Contracts.Topics;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Faults;

/// <summary>A fault placed in time and on one gateway.</summary>
/// <param name="Index">Position in the scenario's fault list: keeps the seeded draws of two faults of one kind apart.</param>
/// <param name="ForeignTopic">For <see cref="FaultKind.ForeignTopic"/>: the topic of the gateway it impersonates.</param>
public sealed record ActiveFault(int Index, FaultScenario Fault, DateTimeOffset From, DateTimeOffset Until, string? ForeignTopic = null)
{
    public bool Covers(DateTimeOffset at) => at >= From && at < Until;

    /// <summary>How far a gateway's clock is off at <paramref name="at"/>: the sum of its clock-skew faults then.</summary>
    public static TimeSpan ClockSkew(IEnumerable<ActiveFault> faults, DateTimeOffset at) =>
        faults.Where(f => f.Fault.Kind == FaultKind.ClockSkew && f.Covers(at)).Aggregate(TimeSpan.Zero, (sum, f) => sum + f.Fault.Skew);
}

/// <summary>The run's faults resolved against its gateways and its start: which gateway suffers which fault when.</summary>
public sealed class FaultPlan
{
    private static readonly ulong ShareStream = SeededNoise.Hash("fault-share");

    private readonly Dictionary<string, List<ActiveFault>> _byGateway = new(StringComparer.Ordinal);

    public FaultPlan(IReadOnlyList<FaultScenario> faults, IReadOnlyList<GatewaySite> sites, DateTimeOffset start, int seed)
    {
        var noise = new SeededNoise(seed);
        var known = sites.Select(s => s.DeviceId).ToHashSet(StringComparer.Ordinal);
        var errors = new ScenarioErrors();
        for (var n = 0; n < faults.Count; n++)
        {
            var fault = faults[n];
            foreach (var (id, k) in fault.Targets.Gateways.Select((id, k) => (id, k)).Where(x => !known.Contains(x.id)))
            {
                errors.Add($"faults[{n}].gateways[{k}]", $"'{id}' is not a gateway of this fleet (ids look like {sites.FirstOrDefault()?.DeviceId ?? "sim-district-0001"})");
            }
            if (fault.Kind == FaultKind.ForeignTopic && sites.Count < 2)
            {
                errors.Add($"faults[{n}]", "a foreignTopic fault needs a fleet of at least two gateways: one to impersonate the other");
            }
        }
        if (errors.Any) throw new InvalidScenarioException("faults", errors.All);

        for (var n = 0; n < faults.Count; n++)
        {
            var fault = faults[n];
            var from = fault.Window.Start.Resolve(start);
            var until = fault.Window.Duration is { } d ? from + d : DateTimeOffset.MaxValue;
            for (var i = 0; i < sites.Count; i++)
            {
                var site = sites[i];
                if (!Hits(fault.Targets, site, noise.Uniform(ShareStream, (ulong)n, site.Key))) continue;
                var foreign = fault.Kind == FaultKind.ForeignTopic ? Impersonated(sites, i, noise, n) : null;
                if (!_byGateway.TryGetValue(site.DeviceId, out var list)) _byGateway[site.DeviceId] = list = [];
                list.Add(new ActiveFault(n, fault, from, until, foreign));
            }
        }
    }

    /// <summary>How many gateways suffer at least one fault.</summary>
    public int AffectedGateways => _byGateway.Count;

    public IReadOnlyList<ActiveFault> For(GatewaySite site) => _byGateway.TryGetValue(site.DeviceId, out var list) ? list : [];

    private static bool Hits(GatewaySelector targets, GatewaySite site, double draw) =>
        targets.Gateways.Contains(site.DeviceId, StringComparer.Ordinal)
        || targets.Districts.Contains(site.District.Id, StringComparer.Ordinal)
        || (targets.Share is { } share && draw < share);

    /// <summary>Another gateway of the fleet, chosen by the seed, whose telemetry topic the faulty one publishes under.</summary>
    private static string Impersonated(IReadOnlyList<GatewaySite> sites, int self, SeededNoise noise, int faultIndex)
    {
        var other = (self + 1 + (int)(noise.Uniform(ShareStream, (ulong)faultIndex, sites[self].Key ^ 1) * (sites.Count - 1))) % sites.Count;
        return TopicAddress.Build(sites[other].District.Id, sites[other].DeviceId, TopicKind.Telemetry);
    }
}
