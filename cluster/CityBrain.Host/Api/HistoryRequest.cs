using System.Collections.Frozen;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Host.Api;

/// <summary>How finely a history is answered. Months and years are computed from the stored daily means with the
/// validity rules of HJ 663 (27 days a month, 25 in February, 324 a year), for concentrations only.</summary>
public enum HistoryStep
{
    Hour,
    Day,
    Month,
    Year,
}

/// <summary>A validated history query: a known metric, a time range in order and not too long, and a step.
/// Defaults: the last 24 hours by hour, the last 30 days by day, the last year by month, the last 5 years by year.
/// The range's bounds and stepping are <see cref="HistoryRange"/>'s, shared with the open-data exports.</summary>
public sealed record HistoryRequest(string Metric, string? Unit, HistoryStep Step, DateTimeOffset From, DateTimeOffset To)
{
    public const int MaxPoints = 10_000;

    /// <summary>The parameters of a history query; each may be given once.</summary>
    public static IReadOnlyList<string> Parameters { get; } = ["metric", "from", "to", "step"];

    private static readonly FrozenDictionary<string, string?> Metrics = HistoryMetrics.Units;

    private static readonly FrozenDictionary<string, HistoryStep> Steps =
        Enum.GetValues<HistoryStep>().ToFrozenDictionary(s => s.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    /// <summary>The error for a query that gives one of the <see cref="Parameters"/> more than once (the binder would
    /// join the values with commas), or null.</summary>
    public static string? Repeated(IQueryCollection query)
    {
        foreach (var name in Parameters)
        {
            if (query.TryGetValue(name, out var values) && values.Count > 1)
            {
                return $"{name} is given {values.Count} times; give each of {string.Join(", ", Parameters)} at most once";
            }
        }
        return null;
    }

    public static bool TryParse(string? metric, string? from, string? to, string? step, DateTimeOffset now,
        out HistoryRequest request, out string error)
    {
        request = null!;
        if (string.IsNullOrWhiteSpace(metric) || !Metrics.TryGetValue(metric, out var unit))
        {
            error = string.IsNullOrWhiteSpace(metric)
                ? "metric is required, e.g. metric=aqi or metric=pm2_5"
                : $"metric '{Show(metric)}' is unknown; known metrics: {string.Join(", ", Metrics.Keys.Order(StringComparer.Ordinal))}";
            return false;
        }
        if (!Steps.TryGetValue(step ?? "hour", out var resolution))
        {
            error = $"step '{Show(step)}' is not hour, day, month or year";
            return false;
        }
        if (resolution is HistoryStep.Month or HistoryStep.Year && !MeanOverDays(metric))
        {
            error = $"step={step} is computed from daily means of concentrations; '{metric}' has none";
            return false;
        }
        var latest = now + HistoryRange.MaxAhead;
        if (!HistoryRange.TryParseTime(to, "to", now, latest, out var end, out error)) return false;
        var defaultSpan = resolution switch
        {
            HistoryStep.Hour => TimeSpan.FromHours(24),
            HistoryStep.Day => TimeSpan.FromDays(30),
            HistoryStep.Month => TimeSpan.FromDays(365),
            _ => TimeSpan.FromDays(5 * 365),
        };
        // The default start never reaches before the earliest time either; to is at least that late already.
        var defaultStart = end - HistoryRange.Earliest > defaultSpan ? end - defaultSpan : HistoryRange.Earliest;
        if (!HistoryRange.TryParseTime(from, "from", defaultStart, latest, out var start, out error)) return false;
        if (start >= end)
        {
            error = $"from ({start:O}) must be before to ({end:O})";
            return false;
        }
        // Months and years are read through their days, so those count against the limit too.
        var periods = (end - start) / (resolution == HistoryStep.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1));
        if (periods > MaxPoints)
        {
            error = $"the range holds {periods:0} {(resolution == HistoryStep.Hour ? "hours" : "days")}, more than {MaxPoints}; shorten it or use a coarser step";
            return false;
        }
        request = new HistoryRequest(metric, unit, resolution, start, end);
        error = "";
        return true;
    }

    /// <summary>Every period of the range, oldest first, with the stored (or, for months and years, computed) value or
    /// null: a gap stays visible as a gap.</summary>
    public IReadOnlyList<HistoryPointResponse> Fill(LocalCalendar calendar, IReadOnlyList<HistoryPoint> points)
    {
        var stored = points.Where(p => p.Metric == Metric).ToList();
        var result = new List<HistoryPointResponse>();
        if (Step is HistoryStep.Hour or HistoryStep.Day)
        {
            // Indexers, not ToDictionary: two stored points of one period (a store written under another time zone)
            // must not turn a read into a 500.
            var byStart = new Dictionary<DateTimeOffset, HistoryPoint>();
            foreach (var point in stored) byStart[point.Start] = point;
            for (var day = FirstPeriod(calendar); day < To; day = NextPeriod(calendar, day))
            {
                result.Add(byStart.TryGetValue(day, out var p) ? new HistoryPointResponse(day, p.Value, p.Count) : new HistoryPointResponse(day, null, 0));
            }
            return result;
        }
        var daily = new Dictionary<DateOnly, double>();
        foreach (var point in stored.Where(p => p.Value is not null)) daily[calendar.DayOf(point.Start)] = point.Value!.Value;
        for (var period = FirstPeriod(calendar); period < To; period = NextPeriod(calendar, period))
        {
            var first = calendar.DayOf(period);
            var mean = Step == HistoryStep.Month ? PeriodStatistics.MonthlyMean(first.Year, first.Month, daily) : PeriodStatistics.AnnualMean(first.Year, daily);
            result.Add(new HistoryPointResponse(period, mean.Value, mean.Count));
        }
        return result;
    }

    public HistoryQuery ToQuery(HistoryScope scope, string id, LocalCalendar calendar) =>
        new(scope, id, Step == HistoryStep.Hour ? HistoryResolution.Hour : HistoryResolution.Day, FirstPeriod(calendar), To, [Metric]);

    private DateTimeOffset FirstPeriod(LocalCalendar calendar)
    {
        var day = calendar.DayOf(From);
        return Step switch
        {
            HistoryStep.Hour => HistoryRange.PeriodOf(calendar, HistoryResolution.Hour, From),
            HistoryStep.Day => HistoryRange.PeriodOf(calendar, HistoryResolution.Day, From),
            HistoryStep.Month => calendar.StartOf(new DateOnly(day.Year, day.Month, 1)),
            _ => calendar.StartOf(new DateOnly(day.Year, 1, 1)),
        };
    }

    private DateTimeOffset NextPeriod(LocalCalendar calendar, DateTimeOffset period)
    {
        var day = calendar.DayOf(period);
        return Step switch
        {
            HistoryStep.Hour => HistoryRange.NextPeriod(calendar, HistoryResolution.Hour, period),
            HistoryStep.Day => HistoryRange.NextPeriod(calendar, HistoryResolution.Day, period),
            HistoryStep.Month => calendar.StartOf(day.AddMonths(1)),
            _ => calendar.StartOf(day.AddYears(1)),
        };
    }

    private static bool MeanOverDays(string metric) =>
        Quantities.TryParse(metric, out var info) && info.Quantity != Quantity.Noise;

    /// <summary>A query value as it may appear in an error: cut short, control characters as code points.</summary>
    internal static string Show(string? text) => HistoryRange.Show(text);
}
