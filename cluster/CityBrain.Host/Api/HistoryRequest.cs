using System.Collections.Frozen;
using System.Globalization;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.Host.Api;

/// <summary>A validated history query: a known metric, a time range in order and not too long, and a step.
/// Defaults: the last 24 hours by hour, or the last 30 days by day.</summary>
public sealed record HistoryRequest(string Metric, string? Unit, HistoryResolution Step, DateTimeOffset From, DateTimeOffset To)
{
    public const int MaxPoints = 10_000;

    private static readonly FrozenDictionary<string, string?> Metrics = BuildMetrics();

    public static IReadOnlyCollection<string> KnownMetrics => Metrics.Keys;

    public static bool TryParse(string? metric, string? from, string? to, string? step, DateTimeOffset now,
        out HistoryRequest request, out string error)
    {
        request = null!;
        if (string.IsNullOrWhiteSpace(metric) || !Metrics.TryGetValue(metric, out var unit))
        {
            error = string.IsNullOrWhiteSpace(metric)
                ? "metric is required, e.g. metric=aqi or metric=pm2_5"
                : $"metric '{metric}' is unknown; known metrics: {string.Join(", ", Metrics.Keys.Order(StringComparer.Ordinal))}";
            return false;
        }
        HistoryResolution resolution;
        switch (step ?? "hour")
        {
            case "hour": resolution = HistoryResolution.Hour; break;
            case "day": resolution = HistoryResolution.Day; break;
            default:
                error = $"step '{step}' is not hour or day";
                return false;
        }
        if (!TryParseTime(to, "to", now, out var end, out error)) return false;
        var defaultSpan = resolution == HistoryResolution.Hour ? TimeSpan.FromHours(24) : TimeSpan.FromDays(30);
        if (!TryParseTime(from, "from", end - defaultSpan, out var start, out error)) return false;
        if (start >= end)
        {
            error = $"from ({start:O}) must be before to ({end:O})";
            return false;
        }
        var points = (end - start) / (resolution == HistoryResolution.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1));
        if (points > MaxPoints)
        {
            error = $"the range holds {points:0} {(resolution == HistoryResolution.Hour ? "hours" : "days")}, more than {MaxPoints}; shorten it or use step=day";
            return false;
        }
        request = new HistoryRequest(metric, unit, resolution, start, end);
        error = "";
        return true;
    }

    /// <summary>Every period of the range, oldest first, with the stored value or null: a gap stays visible as a gap.</summary>
    public IReadOnlyList<HistoryPointResponse> Fill(LocalCalendar calendar, IReadOnlyList<HistoryPoint> points)
    {
        var stored = points.Where(p => p.Metric == Metric).ToDictionary(p => p.Start);
        var result = new List<HistoryPointResponse>();
        for (var period = FirstPeriod(calendar); period < To; period = NextPeriod(calendar, period))
        {
            result.Add(stored.TryGetValue(period, out var p) ? new HistoryPointResponse(period, p.Value, p.Count) : new HistoryPointResponse(period, null, 0));
        }
        return result;
    }

    public HistoryQuery ToQuery(HistoryScope scope, string id, LocalCalendar calendar) =>
        new(scope, id, Step, FirstPeriod(calendar), To, [Metric]);

    private DateTimeOffset FirstPeriod(LocalCalendar calendar) =>
        Step == HistoryResolution.Hour ? calendar.HourOf(From).Start : calendar.StartOf(calendar.DayOf(From));

    private DateTimeOffset NextPeriod(LocalCalendar calendar, DateTimeOffset period) =>
        Step == HistoryResolution.Hour ? period.AddHours(1) : calendar.StartOf(calendar.DayOf(period).AddDays(1));

    private static bool TryParseTime(string? text, string name, DateTimeOffset fallback, out DateTimeOffset value, out string error)
    {
        error = "";
        value = fallback;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        error = $"{name} '{text}' is not a date and time; use ISO 8601, e.g. 2026-11-23T08:00:00Z";
        return false;
    }

    private static FrozenDictionary<string, string?> BuildMetrics()
    {
        var metrics = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [HistoryMetrics.Aqi] = null,
            [HistoryMetrics.NoiseDay] = Units.DecibelA,
            [HistoryMetrics.NoiseNight] = Units.DecibelA,
            [HistoryMetrics.NoiseDayNight] = Units.DecibelA,
            [HistoryMetrics.OnlineRate] = null,
            [HistoryMetrics.ValidityRate] = null,
        };
        foreach (var info in Quantities.All) metrics[info.WireName] = info.Unit;
        foreach (var pollutant in Pollutants.All)
        {
            foreach (var averaging in Enum.GetValues<Averaging>()) metrics[HistoryMetrics.SubIndex(new Measure(pollutant, averaging))] = null;
        }
        return metrics.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
