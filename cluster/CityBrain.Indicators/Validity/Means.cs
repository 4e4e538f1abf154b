namespace CityBrain.Indicators.Validity;

/// <summary>Weighted means of either kind: the one place where values are combined.</summary>
public static class Means
{
    /// <summary>The weighted mean of <paramref name="values"/>; null when the weights sum to nothing.</summary>
    public static double? Of(MeanKind kind, IEnumerable<(double Value, double Weight)> values)
    {
        var mean = new MeanAccumulator(kind);
        foreach (var (value, weight) in values) mean.Add(value, weight);
        return mean.Mean;
    }

    /// <summary>The unweighted mean.</summary>
    public static double? Of(MeanKind kind, IEnumerable<double> values) => Of(kind, values.Select(v => (v, 1.0)));
}
