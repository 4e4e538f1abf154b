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
        rules ??= ValidityRules.Default;
        var usable = new List<(DateTimeOffset From, DateTimeOffset To, double Value)>();
        int suspect = 0, invalid = 0;
        foreach (var reading in readings)
        {
            var from = reading.Start > hour.Start ? reading.Start : hour.Start;
            var to = reading.End < hour.End ? reading.End : hour.End;
            if (to <= from) continue;
            if (reading.IsUsable) usable.Add((from, to, reading.Value!.Value));
            else if (reading.Quality == Quality.Suspect) suspect++;
            else invalid++;
        }
        var coverage = Covered(usable.Select(u => (u.From, u.To)));
        var value = coverage >= rules.HourMinimumCoverage
            ? Means.Of(kind, usable.Select(u => (u.Value, (u.To - u.From).TotalSeconds)))
            : null;
        return new HourlyMean(hour, value, coverage, usable.Count, suspect, invalid);
    }

    /// <summary>Length of the union of the intervals: a window reported twice does not make an hour valid.</summary>
    private static TimeSpan Covered(IEnumerable<(DateTimeOffset From, DateTimeOffset To)> intervals)
    {
        var total = TimeSpan.Zero;
        DateTimeOffset? runFrom = null, runTo = null;
        foreach (var (from, to) in intervals.OrderBy(i => i.From))
        {
            if (runTo is { } end && from <= end)
            {
                if (to > end) runTo = to;
                continue;
            }
            if (runFrom is { } start) total += runTo!.Value - start;
            (runFrom, runTo) = (from, to);
        }
        if (runFrom is { } lastStart) total += runTo!.Value - lastStart;
        return total;
    }
}
