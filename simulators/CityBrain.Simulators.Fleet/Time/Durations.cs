using System.Globalization;

namespace CityBrain.Simulators.Fleet.Time;

/// <summary>Durations as people write them in a scenario file or on a command line: <c>30s</c>, <c>5m</c>, <c>2h</c>,
/// <c>1d</c>, <c>1.5h</c>, or .NET's <c>hh:mm:ss</c>. One parser serves both, so both accept the same spellings.</summary>
public static class Durations
{
    public const string Examples = "e.g. 30s, 5m, 2h, 1d or 00:10:00";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var sign = 1;
        if (s[0] is '+' or '-')
        {
            sign = s[0] == '-' ? -1 : 1;
            s = s[1..];
        }
        if (s.Contains(':'))
        {
            if (!TimeSpan.TryParse(s, CultureInfo.InvariantCulture, out var span)) return false;
            duration = sign * span;
            return true;
        }
        var unit = s.Length > 2 && s.EndsWith("ms", StringComparison.Ordinal) ? "ms" : s[^1..];
        var scale = unit switch
        {
            "ms" => TimeSpan.FromMilliseconds(1),
            "s" => TimeSpan.FromSeconds(1),
            "m" => TimeSpan.FromMinutes(1),
            "h" => TimeSpan.FromHours(1),
            "d" => TimeSpan.FromDays(1),
            _ => (TimeSpan?)null,
        };
        if (scale is null
            || !double.TryParse(s[..^unit.Length], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
            || !double.IsFinite(amount))
        {
            return false;
        }
        duration = sign * scale.Value * amount;
        return true;
    }

    /// <summary>The shortest of the spellings above that says the same, for summaries and errors.</summary>
    public static string Format(TimeSpan duration)
    {
        var sign = duration < TimeSpan.Zero ? "-" : "";
        var d = duration.Duration();
        string body = d switch
        {
            _ when d.Ticks % TimeSpan.TicksPerDay == 0 && d > TimeSpan.Zero => $"{d.TotalDays:0}d",
            _ when d.Ticks % TimeSpan.TicksPerHour == 0 && d > TimeSpan.Zero => $"{d.TotalHours:0}h",
            _ when d.Ticks % TimeSpan.TicksPerMinute == 0 && d > TimeSpan.Zero => $"{d.TotalMinutes:0}m",
            _ when d.Ticks % TimeSpan.TicksPerSecond == 0 => $"{d.TotalSeconds:0}s",
            _ => $"{d.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)}ms",
        };
        return sign + body;
    }
}
