namespace CityBrain.Indicators.Validity;

/// <summary>A weighted mean built one value at a time, so a mean can be kept open while its values arrive (an hour
/// of reports, the devices of a district) without keeping the values. A negative weight takes a value back out.</summary>
public sealed class MeanAccumulator
{
    public MeanAccumulator(MeanKind kind) => Kind = kind;

    [System.Text.Json.Serialization.JsonConstructor]
    public MeanAccumulator(MeanKind kind, double sum, double weight) => (Kind, Sum, Weight) = (kind, sum, weight);

    public MeanKind Kind { get; }

    /// <summary>Sum of weight × value, the value as an energy 10^(L/10) for <see cref="MeanKind.Energy"/>.</summary>
    public double Sum { get; private set; }

    public double Weight { get; private set; }

    public void Add(double value, double weight = 1)
    {
        Sum += weight * (Kind == MeanKind.Energy ? Math.Pow(10, value / 10) : value);
        Weight += weight;
    }

    public void Remove(double value, double weight = 1) => Add(value, -weight);

    /// <summary>Null when nothing (or, after removals, next to nothing) is counted.</summary>
    public double? Mean
    {
        get
        {
            if (Weight <= 1e-9) return null;
            var mean = Sum / Weight;
            return Kind == MeanKind.Energy ? mean > 0 ? 10 * Math.Log10(mean) : null : mean;
        }
    }
}
