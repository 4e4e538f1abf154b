using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Devices;
using CityBrain.Indicators.Validity;

namespace CityBrain.Grains.Districts;

/// <summary>Combines the latest values of a district's devices into one value per quantity.</summary>
internal static class Aggregation
{
    public static Dictionary<Quantity, AggregateValue> LatestMeans(IEnumerable<DeviceSummary> devices, DateTimeOffset now, TimeSpan staleAfter) =>
        devices
            .SelectMany(d => d.Latest)
            .Where(kv => kv.Value.IsUsable(now, staleAfter))
            .GroupBy(kv => kv.Key, kv => kv.Value)
            .ToDictionary(g => g.Key, g => new AggregateValue(
                Mean(g.Key, g.Select(v => v.Value!.Value)), g.Max(v => v.UpdatedAt), g.Count()));

    /// <summary>Sound levels add as energies, so their mean is the energy mean; everything else is arithmetic.
    /// The group is never empty, so there is always a mean.</summary>
    private static double Mean(Quantity quantity, IEnumerable<double> values) =>
        Means.Of(quantity == Quantity.Noise ? MeanKind.Energy : MeanKind.Arithmetic, values)!.Value;
}
