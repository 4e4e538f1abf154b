using System.Globalization;

namespace CityBrain.Bench.Silos;

internal static class Stats
{
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return double.NaN;
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    /// <summary>The nearest-rank percentile: p100 is the largest value.</summary>
    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? double.NaN : sorted[(int)Math.Clamp(Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    /// <summary>"median [min–max]" with the given format.</summary>
    public static string Spread(IEnumerable<double> values, string format)
    {
        var list = values.ToList();
        return list.Count == 0
            ? "n/a"
            : string.Create(CultureInfo.InvariantCulture, $"{Median(list).ToString(format, CultureInfo.InvariantCulture)} [{list.Min().ToString(format, CultureInfo.InvariantCulture)}–{list.Max().ToString(format, CultureInfo.InvariantCulture)}]");
    }
}
