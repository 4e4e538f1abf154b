namespace CityBrain.Indicators.Validity;

/// <summary>Weighted means of either kind: the one place where values are combined.</summary>
public static class Means
{
    /// <summary>The weighted mean of <paramref name="values"/>; null when the weights sum to nothing.</summary>
    public static double? Of(MeanKind kind, IEnumerable<(double Value, double Weight)> values)
    {
        double sum = 0, weights = 0;
        foreach (var (value, weight) in values)
        {
            sum += weight * (kind == MeanKind.Energy ? Math.Pow(10, value / 10) : value);
            weights += weight;
        }
        if (weights <= 0) return null;
        var mean = sum / weights;
        return kind == MeanKind.Energy ? 10 * Math.Log10(mean) : mean;
    }

    /// <summary>The unweighted mean.</summary>
    public static double? Of(MeanKind kind, IEnumerable<double> values) => Of(kind, values.Select(v => (v, 1.0)));
}
