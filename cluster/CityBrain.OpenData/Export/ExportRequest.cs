using System.Collections.Frozen;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.History;
using Microsoft.AspNetCore.Http;

namespace CityBrain.OpenData.Export;

/// <summary>A validated export: which place, which metrics, hours or days over which range, in which format. Times are
/// read as the history API reads them (<see cref="HistoryRange"/>), so an export and a history of the same range hold the
/// same periods. Every parameter may be given once; an unknown one is an error rather than silently ignored.</summary>
/// <param name="Id">The district or device; null for the city.</param>
public sealed record ExportRequest(HistoryScope Scope, string? Id, HistoryResolution Step, DateTimeOffset From, DateTimeOffset To,
    IReadOnlyList<string> Metrics, ExportFormat Format)
{
    public static IReadOnlyList<string> Parameters { get; } = ["scope", "id", "step", "from", "to", "metrics", "format"];

    /// <summary>The published air set: the AQI and the six pollutants of GB 3095, as the daily open-data file has them.</summary>
    public static IReadOnlyList<string> AirMetrics { get; } =
        [HistoryMetrics.Aqi, .. Pollutants.All.Select(p => HistoryMetrics.Of(Pollutants.Quantity(p)))];

    /// <summary>Each scope by name; <c>city</c>, the name before the tree had levels above the city, still means a region.</summary>
    private static readonly FrozenDictionary<string, HistoryScope> Scopes =
        Enum.GetValues<HistoryScope>().Select(s => KeyValuePair.Create(s.ToString().ToLowerInvariant(), s))
            .Append(KeyValuePair.Create("city", HistoryScope.Region))
            .ToFrozenDictionary(StringComparer.Ordinal);

    public static bool TryParse(IQueryCollection query, DateTimeOffset now, ExportOptions limits, out ExportRequest request, out string error)
    {
        request = null!;
        if (Unexpected(query) is { } unexpected)
        {
            error = unexpected;
            return false;
        }
        var text = (string name) => (string?)query[name];
        if (!Scopes.TryGetValue(text("scope") ?? "region", out var scope))
        {
            error = $"scope '{HistoryRange.Show(text("scope"))}' is not region, district or device";
            return false;
        }
        var id = text("id");
        if (scope != HistoryScope.Region && string.IsNullOrWhiteSpace(id))
        {
            error = $"id is required for scope={text("scope")}, e.g. id={(scope == HistoryScope.District ? "haidian" : "dev-001")}";
            return false;
        }
        if (!TryParseStep(text("step"), scope, out var step, out error)) return false;
        var metrics = scope == HistoryScope.Device ? AirMetrics.Skip(1).ToList() : AirMetrics;
        if (text("metrics") is { } names && !TryParseMetrics(names, limits.MaxMetrics, out metrics, out error)) return false;
        var format = ExportFormat.Csv;
        if (text("format") is { } formatName && !ExportFormats.TryParse(formatName, out format))
        {
            error = $"format '{HistoryRange.Show(formatName)}' is not csv or parquet";
            return false;
        }
        if (!TryParseRange(text("from"), text("to"), step, now, limits, out var from, out var to, out error)) return false;
        request = new ExportRequest(scope, id, step, from, to, metrics, format);
        return true;
    }

    /// <summary>Reads a comma-separated list of metric names (see <see cref="HistoryMetrics.Units"/>), each kept once.</summary>
    public static bool TryParseMetrics(string text, int max, out IReadOnlyList<string> metrics, out string error)
    {
        var parsed = new List<string>();
        metrics = parsed;
        error = "";
        foreach (var name in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!HistoryMetrics.Units.ContainsKey(name))
            {
                error = $"metric '{HistoryRange.Show(name)}' is unknown; known metrics: {string.Join(", ", HistoryMetrics.Units.Keys.Order(StringComparer.Ordinal))}";
                return false;
            }
            if (!parsed.Contains(name)) parsed.Add(name);
        }
        if (parsed.Count == 0) error = "metrics names no metric; give a comma-separated list, e.g. metrics=aqi,pm2_5";
        else if (parsed.Count > max) error = $"metrics names {parsed.Count} metrics, more than {max} in one export";
        return error.Length == 0;
    }

    private static bool TryParseStep(string? text, HistoryScope scope, out HistoryResolution step, out string error)
    {
        error = "";
        step = text == "day" ? HistoryResolution.Day : HistoryResolution.Hour;
        if (text is not (null or "hour" or "day")) error = $"step '{HistoryRange.Show(text)}' is not hour or day";
        else if (scope == HistoryScope.Device && step == HistoryResolution.Day) error = "devices keep hourly history only; use step=hour, or a district's history";
        return error.Length == 0;
    }

    /// <summary>Defaults as the history API's: the last 24 hours by hour, the last 30 days by day; at most the configured
    /// span, so one request cannot read the whole store.</summary>
    private static bool TryParseRange(string? fromText, string? toText, HistoryResolution step, DateTimeOffset now, ExportOptions limits,
        out DateTimeOffset from, out DateTimeOffset to, out string error)
    {
        from = default;
        var latest = now + HistoryRange.MaxAhead;
        if (!HistoryRange.TryParseTime(toText, "to", now, latest, out to, out error)) return false;
        var defaultSpan = step == HistoryResolution.Hour ? TimeSpan.FromHours(24) : TimeSpan.FromDays(30);
        var defaultFrom = to - HistoryRange.Earliest > defaultSpan ? to - defaultSpan : HistoryRange.Earliest;
        if (!HistoryRange.TryParseTime(fromText, "from", defaultFrom, latest, out from, out error)) return false;
        if (from >= to)
        {
            error = $"from ({from:O}) must be before to ({to:O})";
            return false;
        }
        var (maxDays, setting) = step == HistoryResolution.Hour
            ? (limits.MaxHourlyDays, nameof(ExportOptions.MaxHourlyDays))
            : (limits.MaxDailyDays, nameof(ExportOptions.MaxDailyDays));
        if (to - from > TimeSpan.FromDays(maxDays))
        {
            error = $"the range spans {(to - from).TotalDays:0.#} days, more than the {maxDays} days an export by {step.ToString().ToLowerInvariant()} may span " +
                $"({ExportOptions.Section}:{setting}); split it into several exports{(step == HistoryResolution.Hour ? " or use step=day" : "")}";
            return false;
        }
        return true;
    }

    private static string? Unexpected(IQueryCollection query)
    {
        foreach (var (name, values) in query)
        {
            if (!Parameters.Contains(name)) return $"unknown parameter '{HistoryRange.Show(name)}'; an export takes {string.Join(", ", Parameters)}";
            if (values.Count > 1) return $"{name} is given {values.Count} times; give each of {string.Join(", ", Parameters)} at most once";
        }
        return null;
    }
}
