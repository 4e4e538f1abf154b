using System.Globalization;
using System.Text.RegularExpressions;

namespace CityBrain.Edge.Cli;

/// <summary>A duration as a person writes it in the configuration: with units (<c>60s</c>, <c>5m</c>, <c>1h30m</c>,
/// <c>500ms</c>, <c>2d</c>) or as <c>hh:mm:ss</c>. A bare number is refused rather than guessed: .NET would read
/// "60" as 60 days.</summary>
internal static partial class Duration
{
    public const string Forms = "write it with a unit, e.g. 60s, 5m, 1h, 500ms, or as 00:01:00";

    public static bool TryParse(string text, out TimeSpan duration, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        var trimmed = text.Trim();
        duration = TimeSpan.Zero;
        problem = null;
        if (trimmed.Contains(':', StringComparison.Ordinal))
        {
            if (TimeSpan.TryParse(trimmed, CultureInfo.InvariantCulture, out duration)) return true;
            problem = $"is not a duration: {Forms}";
            return false;
        }
        if (double.TryParse(trimmed, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare))
        {
            problem = $"has no unit: write {bare.ToString(CultureInfo.InvariantCulture)}s for seconds (or 5m, 1h, 500ms, 00:01:00)";
            return false;
        }
        var parts = Part().Matches(trimmed);
        if (parts.Count == 0 || string.Concat(parts.Select(p => p.Value)) != trimmed)
        {
            problem = $"is not a duration: {Forms}";
            return false;
        }
        foreach (Match part in parts)
        {
            var amount = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            duration += part.Groups[2].Value.ToLowerInvariant() switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" or "min" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                _ => TimeSpan.FromDays(amount),
            };
        }
        return true;
    }

    [GeneratedRegex(@"(\d+(?:\.\d+)?)\s*(ms|min|s|m|h|d)\s*", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
