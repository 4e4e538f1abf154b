using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Grains.Hours;

/// <summary>What one place adds to its parent's mean of a quantity over an hour, as the totals of a
/// <see cref="MeanAccumulator"/>: a device adds its hourly mean with weight one, a district the totals of all its
/// devices, so the city's mean is the mean over every device, as HJ 663 takes a city's mean over its sites.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.Contribution.v1")]
public readonly record struct Contribution([property: Id(0)] double Sum, [property: Id(1)] double Weight)
{
    public static Contribution Of(Quantity quantity, double value)
    {
        var single = new MeanAccumulator(MeanKinds.For(quantity));
        single.Add(value);
        return Of(single);
    }

    public static Contribution Of(MeanAccumulator mean) => new(mean.Sum, mean.Weight);

    /// <summary>A place's whole share of its parent's hour, as the stores keep it.</summary>
    public static HourShare Share(HistoryScope scope, string child, string parent, ClockHour hour,
        IEnumerable<KeyValuePair<Quantity, Contribution>> contributions) =>
        new(scope, child, parent, hour.Start, [.. contributions.Where(kv => kv.Value.Weight > 1e-9)
            .Select(kv => new ShareTotal(HistoryMetrics.Of(kv.Key), kv.Value.Sum, kv.Value.Weight))]);
}
