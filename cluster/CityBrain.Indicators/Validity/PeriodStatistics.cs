using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Validity;

/// <summary>Statistics over hours, days, months and years per GB 3095 §8 and HJ 663: each only with enough valid
/// values, and then the mean of the valid values (divided by their number, not by the period's length).</summary>
/// <remarks>Means are of the unrounded hourly values; the AQI step rounds the statistic it reads (reference §3).</remarks>
public static class PeriodStatistics
{
    /// <summary>The mean over <paramref name="hours"/> when at least <paramref name="required"/> of them have a value.</summary>
    public static Statistic MeanOver(IEnumerable<ClockHour> hours, HourlySeries hourly, int required, MeanKind kind = MeanKind.Arithmetic) =>
        MeanIfEnough([.. hourly.ValuesOf(hours)], required, kind);

    /// <summary>24h mean of a natural day: at least 20 hourly values.</summary>
    public static Statistic DailyMean(LocalCalendar calendar, DateOnly day, HourlySeries hourly, ValidityRules? rules = null) =>
        MeanOver(calendar.HoursOf(day), hourly, (rules ?? ValidityRules.Default).DayMinimumHours);

    /// <summary>24h moving mean of the hours t−23 … t: at least 20 hourly values.</summary>
    public static Statistic TwentyFourHourMean(LocalCalendar calendar, ClockHour end, HourlySeries hourly, ValidityRules? rules = null) =>
        MeanOver(calendar.HoursEndingAt(end, 24), hourly, (rules ?? ValidityRules.Default).DayMinimumHours);

    /// <summary>8h moving mean of the hours t−7 … t (HJ 663): at least 6 hourly values.</summary>
    public static Statistic EightHourMean(LocalCalendar calendar, ClockHour end, HourlySeries hourly, ValidityRules? rules = null) =>
        MeanOver(calendar.HoursEndingAt(end, 8), hourly, (rules ?? ValidityRules.Default).EightHourMinimumHours);

    /// <summary>The largest 8h moving mean among the windows ending 08:00 … 24:00 of the day (17 windows, all inside
    /// the day): valid with 14 valid windows, or with fewer when the maximum exceeds <paramref name="exceedanceLimit"/>.</summary>
    /// <param name="exceedanceLimit">O3: <see cref="ValidityRules.DailyMaxEightHourExceedanceLimit"/>; null for
    /// pollutants without that exception.</param>
    public static Statistic DailyMaxEightHourMean(LocalCalendar calendar, DateOnly day, HourlySeries hourly, double? exceedanceLimit, ValidityRules? rules = null)
    {
        rules ??= ValidityRules.Default;
        var required = rules.DailyMaxEightHourMinimumWindows;
        var windows = calendar.HoursOf(day)
            .Where(hour => hour.Number >= 8)
            .Select(end => EightHourMean(calendar, end, hourly, rules))
            .Where(s => s.IsValid)
            .Select(s => s.Value!.Value)
            .ToList();
        if (windows.Count == 0) return Statistic.Insufficient(0, required);
        var max = windows.Max();
        if (windows.Count >= required) return Statistic.Valid(max, windows.Count, required);
        return exceedanceLimit is { } limit && Math.Round((decimal)max, MidpointRounding.ToEven) > (decimal)limit
            ? new Statistic(max, windows.Count, required, StatisticValidity.ValidByExceedance)
            : Statistic.Insufficient(windows.Count, required);
    }

    /// <summary>The day's largest hourly value. The standards set no minimum for it; the project asks as many hourly
    /// values as for the 24h mean.</summary>
    public static Statistic DailyMaxOneHour(LocalCalendar calendar, DateOnly day, HourlySeries hourly, ValidityRules? rules = null)
    {
        var required = (rules ?? ValidityRules.Default).DayMinimumHours;
        var values = hourly.ValuesOf(calendar.HoursOf(day)).ToList();
        return values.Count >= required ? Statistic.Valid(values.Max(), values.Count, required) : Statistic.Insufficient(values.Count, required);
    }

    /// <summary>Monthly mean of daily values: at least 27 days, in February 25.</summary>
    public static Statistic MonthlyMean(int year, int month, IReadOnlyDictionary<DateOnly, double> daily, ValidityRules? rules = null)
    {
        rules ??= ValidityRules.Default;
        return MeanOfDays(daily, d => d.Year == year && d.Month == month, month == 2 ? rules.FebruaryMinimumDays : rules.MonthMinimumDays);
    }

    /// <summary>Annual mean of daily values: at least 324 days.</summary>
    public static Statistic AnnualMean(int year, IReadOnlyDictionary<DateOnly, double> daily, ValidityRules? rules = null) =>
        MeanOfDays(daily, d => d.Year == year, (rules ?? ValidityRules.Default).YearMinimumDays);

    /// <summary>The p-th percentile per HJ 663: with the n values sorted ascending as X(1) … X(n), k = 1 + (n−1)·p/100,
    /// s = ⌊k⌋ and the percentile is X(s) + (X(s+1) − X(s))·(k − s). Null without values.</summary>
    public static double? Percentile(IEnumerable<double> values, decimal p)
    {
        if (p is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(p), p, "a percentile lies between 0 and 100");
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0) return null;
        // k in decimal: (n−1)·p/100 is often an exact integer that double would miss by an ulp and floor wrongly.
        var k = 1 + (sorted.Length - 1) * p / 100;
        var s = (int)decimal.Floor(k);
        var low = sorted[s - 1];
        return s == sorted.Length ? low : low + (sorted[s] - low) * (double)(k - s);
    }

    private static Statistic MeanOfDays(IReadOnlyDictionary<DateOnly, double> daily, Func<DateOnly, bool> inPeriod, int required) =>
        MeanIfEnough([.. daily.Where(d => inPeriod(d.Key)).Select(d => d.Value)], required, MeanKind.Arithmetic);

    private static Statistic MeanIfEnough(List<double> values, int required, MeanKind kind) =>
        values.Count >= required && Means.Of(kind, values) is { } mean
            ? Statistic.Valid(mean, values.Count, required)
            : Statistic.Insufficient(values.Count, required);
}
