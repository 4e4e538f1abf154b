using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Validity;

/// <summary>The valid hourly values of one quantity at one place, keyed by the hour's start instant. Invalid hours are
/// simply absent, so that nothing downstream can mistake them for zero.</summary>
public sealed class HourlySeries
{
    private readonly Dictionary<DateTimeOffset, double> _values;

    /// <param name="values">Hour start (any offset) and value.</param>
    public HourlySeries(IEnumerable<KeyValuePair<DateTimeOffset, double>> values) => _values = new(values);

    public static HourlySeries Empty { get; } = new([]);

    /// <summary>The valid means among <paramref name="means"/>.</summary>
    public static HourlySeries From(IEnumerable<HourlyMean> means) =>
        new(means.Where(m => m.Value is not null).Select(m => KeyValuePair.Create(m.Hour.Start, m.Value!.Value)));

    /// <summary>The valid points among hourly history points of one metric, e.g. as read back after a restart.</summary>
    public static HourlySeries From(IEnumerable<HistoryPoint> points) =>
        new(points.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Start, p.Value!.Value)));

    public int Count => _values.Count;

    public bool TryGet(ClockHour hour, out double value) => _values.TryGetValue(hour.Start, out value);

    /// <summary>The values of those of <paramref name="hours"/> that have one.</summary>
    public IEnumerable<double> ValuesOf(IEnumerable<ClockHour> hours)
    {
        foreach (var hour in hours)
        {
            if (_values.TryGetValue(hour.Start, out var value)) yield return value;
        }
    }
}
