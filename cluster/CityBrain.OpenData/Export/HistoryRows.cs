using System.Runtime.CompilerServices;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.OpenData.Export;

/// <summary>Reads a place's history a chunk at a time and answers every period of the range for every metric asked,
/// the way the history API fills its points: a stored point as it is, a period without one as missing. Nothing beyond
/// one chunk is held, so an export of years costs the memory of a month.</summary>
public sealed class HistoryRows(IHistoryStore store)
{
    /// <summary>Periods read from the store at once: a month of hours, two years of days.</summary>
    public const int ChunkPeriods = 744;

    /// <summary>Rows ordered by period, then by metric in the order given; one list per chunk.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ExportRow>> ReadAsync(ExportPlace place, HistoryResolution step, DateTimeOffset from, DateTimeOffset to,
        IReadOnlyList<string> metrics, LocalCalendar calendar, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var period = HistoryRange.PeriodOf(calendar, step, from);
        while (period < to)
        {
            var starts = new List<DateTimeOffset>(ChunkPeriods);
            for (; period < to && starts.Count < ChunkPeriods; period = HistoryRange.NextPeriod(calendar, step, period)) starts.Add(period);
            var points = await store.ReadAsync(new HistoryQuery(place.Scope, place.Id, step, starts[0], period, [.. metrics]), cancellationToken);
            // Indexers, as the history API: two stored points of one period must not fail an export.
            var stored = new Dictionary<(string Metric, DateTimeOffset Start), HistoryPoint>();
            foreach (var point in points) stored[(point.Metric, point.Start)] = point;
            var rows = new List<ExportRow>(starts.Count * metrics.Count);
            foreach (var start in starts)
            {
                var label = step == HistoryResolution.Hour ? calendar.HourOf(start).Label : calendar.DayOf(start).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                foreach (var metric in metrics)
                {
                    rows.Add(Row(place, metric, step, start, label, stored.GetValueOrDefault((metric, start))));
                }
            }
            yield return rows;
        }
    }

    private static ExportRow Row(ExportPlace place, string metric, HistoryResolution step, DateTimeOffset start, string label, HistoryPoint? point)
    {
        var flag = point is null ? ValidityFlag.Missing : point.Value is null ? ValidityFlag.Insufficient : ValidityFlag.Valid;
        return new ExportRow(place, metric, HistoryMetrics.Units.GetValueOrDefault(metric), step, start, label, point?.Value, point?.Count ?? 0, flag, point?.RuleSet);
    }
}
