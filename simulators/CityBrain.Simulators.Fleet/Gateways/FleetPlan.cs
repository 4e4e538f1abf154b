using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Gateways;

/// <summary>The gateways of a run: the scenario's count per district, or a different total spread over the districts in
/// the scenario's proportions. Gateway ids are <c>{prefix}-{district}-{n:D4}</c>, numbered from 1 in each district; each
/// gateway's kind is drawn from the seed and its id in the district's mix, its site by <see cref="SiteLayout"/>.</summary>
public static class FleetPlan
{
    private static readonly ulong DeviceStream = SeededNoise.Hash("device-type");

    public static IReadOnlyList<GatewaySite> Sites(CityScenario scenario, int? totalGateways = null)
    {
        var counts = totalGateways is { } total ? Spread(scenario.Districts.Select(d => d.Gateways).ToList(), total) : scenario.Districts.Select(d => d.Gateways).ToList();
        var sites = new List<GatewaySite>(counts.Sum());
        var noise = new SeededNoise(scenario.Seed);
        for (var i = 0; i < scenario.Districts.Count; i++)
        {
            var district = scenario.Districts[i];
            var layout = new SiteLayout(district, noise);
            var sensors = new Dictionary<DeviceType, IReadOnlyList<Quantity>>();
            for (var k = 1; k <= counts[i]; k++)
            {
                var id = $"{scenario.DevicePrefix}-{district.Id}-{k:D4}";
                if (!Identifier.IsValid(id))
                {
                    throw new InvalidScenarioException("fleet", [new ScenarioError($"districts[{i}].id",
                        $"gateway id '{id}' would be longer than {Identifier.MaxLength} characters; shorten the district id or the device prefix")]);
                }
                var device = district.Mix.Pick(noise.Uniform(DeviceStream, SeededNoise.Hash(id)));
                if (!sensors.TryGetValue(device, out var reported)) sensors[device] = reported = district.SensorsOf(device);
                sites.Add(new GatewaySite(id, district, i, device, reported, layout.Place(id, k)));
            }
        }
        return sites;
    }

    /// <summary>Largest-remainder apportionment of <paramref name="total"/> by <paramref name="weights"/>.</summary>
    internal static List<int> Spread(IReadOnlyList<int> weights, int total)
    {
        if (total < 1) throw new ArgumentOutOfRangeException(nameof(total), total, "a fleet needs at least one gateway");
        var sum = (double)weights.Sum();
        var exact = weights.Select(w => total * w / sum).ToList();
        var counts = exact.Select(x => (int)Math.Floor(x)).ToList();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => exact[i] - counts[i]).ThenBy(i => i).Take(total - counts.Sum()))
        {
            counts[i]++;
        }
        return counts;
    }
}
