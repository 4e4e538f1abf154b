using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Validity;

/// <summary>Hourly means from report windows. Each window counts in an hour for the part of it inside the hour, with
/// that duration as its weight, so any report interval works and a window across the hour boundary is split.</summary>
public static class HourlyMeans
{
    /// <summary>The mean of every clock hour that <paramref name="readings"/> touch, in time order.</summary>
    public static IReadOnlyList<HourlyMean> Compute(LocalCalendar calendar, IEnumerable<WindowReading> readings, MeanKind kind, ValidityRules? rules = null)
    {
        var byHour = new SortedDictionary<DateTimeOffset, (ClockHour Hour, List<WindowReading> Readings)>();
        foreach (var reading in readings)
        {
            for (var hour = calendar.HourOf(reading.Start); hour.Start < reading.End; hour = calendar.HourOf(hour.End))
            {
                if (!byHour.TryGetValue(hour.Start, out var bucket)) byHour[hour.Start] = bucket = (hour, []);
                bucket.Readings.Add(reading);
            }
        }
        return [.. byHour.Values.Select(b => Compute(b.Hour, b.Readings, kind, rules))];
    }

    /// <summary>The mean of one clock hour; readings outside it are ignored.</summary>
    public static HourlyMean Compute(ClockHour hour, IEnumerable<WindowReading> readings, MeanKind kind, ValidityRules? rules = null)
    {
        var tally = new HourTally(hour, kind);
        foreach (var reading in readings) tally.Add(reading);
        return tally.ToMean(rules);
    }
}
