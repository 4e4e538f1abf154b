using System.Globalization;

namespace CityBrain.Bench.Silos;

/// <summary><c>--name value</c> pairs after the mode.</summary>
internal sealed class BenchOptions(IReadOnlyDictionary<string, string> values)
{
    public static BenchOptions Parse(IEnumerable<string> args)
    {
        var list = args.ToList();
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= list.Count)
            {
                throw new ArgumentException($"expected --name value, found '{list[i]}'");
            }
            values[list[i][2..]] = list[++i];
        }
        return new BenchOptions(values);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string Text(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public bool Flag(string name, bool fallback) => values.TryGetValue(name, out var v)
        ? v is "yes" or "true" or "1" || (v is "no" or "false" or "0" ? false : throw new ArgumentException($"--{name} takes yes or no, not '{v}'"))
        : fallback;

    /// <summary>A comma-separated list, e.g. <c>--silos 1,2,3</c>.</summary>
    public IReadOnlyList<int> Ints(string name, IReadOnlyList<int> fallback) => values.TryGetValue(name, out var v)
        ? [.. v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(x => int.Parse(x, CultureInfo.InvariantCulture))]
        : fallback;
}
