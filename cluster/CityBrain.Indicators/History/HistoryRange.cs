using System.Globalization;
using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.History;

/// <summary>How a range of history is named and stepped through, shared by the history API and the open-data exports
/// so that both accept the same times and an export's rows fall on exactly the periods the history API answers.</summary>
/// <remarks>Both ends of a range lie between <see cref="Earliest"/> and <see cref="MaxAhead"/> after now, so that every
/// period of it, in any time zone and rounded out to a whole month or year, is a time the calendar can count:
/// <c>to=9999-12-31</c> or <c>from=0001-01-01</c> would otherwise overflow <see cref="DateTimeOffset"/> in the local
/// calendar.</remarks>
public static class HistoryRange
{
    /// <summary>The earliest time a query may name: long before any data of this system (gateways cannot report
    /// before 2020).</summary>
    public static readonly DateTimeOffset Earliest = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How far after now a query may reach: the rest of this year and month, for a chart of the period so far.</summary>
    public static readonly TimeSpan MaxAhead = TimeSpan.FromDays(366);

    /// <summary>Reads one end of a range: ISO 8601, UTC unless it names an offset, between <see cref="Earliest"/> and
    /// <paramref name="latest"/>; <paramref name="fallback"/> when absent.</summary>
    public static bool TryParseTime(string? text, string name, DateTimeOffset fallback, DateTimeOffset latest,
        out DateTimeOffset value, out string error)
    {
        error = "";
        value = fallback;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var range = $"between {Earliest:yyyy-MM-ddTHH:mm:ssZ} and {latest.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (one year after now)";
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value))
        {
            error = $"{name} '{Show(text)}' is not a date and time; use ISO 8601 {range}, e.g. 2026-11-23T08:00:00Z";
            return false;
        }
        if (value < Earliest || value > latest)
        {
            error = $"{name} '{Show(text)}' is outside the allowed range: a history is read {range}";
            return false;
        }
        return true;
    }

    /// <summary>The start of the hour or natural day that contains <paramref name="instant"/>.</summary>
    public static DateTimeOffset PeriodOf(LocalCalendar calendar, HistoryResolution resolution, DateTimeOffset instant) =>
        resolution == HistoryResolution.Hour ? calendar.HourOf(instant).Start : calendar.StartOf(calendar.DayOf(instant));

    /// <summary>The start of the hour or natural day after the one starting at <paramref name="period"/>.</summary>
    public static DateTimeOffset NextPeriod(LocalCalendar calendar, HistoryResolution resolution, DateTimeOffset period) =>
        resolution == HistoryResolution.Hour ? period.AddHours(1) : calendar.StartOf(calendar.DayOf(period).AddDays(1));

    /// <summary>A query value as it may appear in an error: cut short, control characters as code points.</summary>
    public static string Show(string? text)
    {
        const int max = 64;
        if (text is null) return "";
        var shown = string.Concat((text.Length > max ? text[..max] : text).Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length > max ? shown + "…" : shown;
    }
}
