using CityBrain.Contracts.Vocabulary;
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
}

/// <summary>A place's contribution to one hour of its parent. <see cref="Before"/> is what it contributed to the same
/// hour last time, taken back first, so an hour recomputed after late data replaces its earlier share.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.HourContribution.v1")]
public sealed record HourContribution(
    [property: Id(0)] string From,
    [property: Id(1)] ClockHour Hour,
    [property: Id(2)] IReadOnlyDictionary<Quantity, Contribution> Now,
    [property: Id(3)] IReadOnlyDictionary<Quantity, Contribution> Before);
