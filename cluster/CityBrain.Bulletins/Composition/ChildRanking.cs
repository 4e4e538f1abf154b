using CityBrain.Bulletins.Model;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Rankings;
using CityBrain.Indicators.Time;
using CityBrain.Regions;

namespace CityBrain.Bulletins.Composition;

/// <summary>A place's children ranked by their daily AQI (a day) or the mean of their daily AQI over the days that have
/// one (a month, a year), against the previous period of the same kind.</summary>
internal sealed class ChildRanking(IHistoryStore history, LocalCalendar calendar)
{
    public async Task<RankingSection> RankAsync(RegionNode node, BulletinPeriod period, CancellationToken cancellationToken)
    {
        var basis = period.Kind == BulletinKind.Day ? "daily-aqi" : "mean-daily-aqi";
        var current = new List<DistrictValues>();
        var previous = new List<DistrictValues>();
        foreach (var child in node.Children)
        {
            var scope = child.IsLeaf ? HistoryScope.District : HistoryScope.Region;
            var points = await history.ReadAsync(new HistoryQuery(scope, child.Id, HistoryResolution.Day,
                calendar.StartOf(period.Before().First), calendar.StartOf(period.Last.AddDays(1)), [HistoryMetrics.Aqi]), cancellationToken);
            current.Add(ValuesOf(child.Id, points, period));
            previous.Add(ValuesOf(child.Id, points, period.Before()));
        }
        // The ranking keeps its comparison snapshot in the "previous day" slot; for a bulletin it is the previous period.
        var ranking = DistrictRanking.Rank(HistoryMetrics.Aqi, current, previousDay: previous);
        var names = node.Children.ToDictionary(c => c.Id, StringComparer.Ordinal);
        return new RankingSection(basis, [.. ranking.Districts.Select(d => new RankedPlace(
            d.DistrictId, names[d.DistrictId].Name, names[d.DistrictId].NameZh, d.Rank, d.Value,
            d.SincePreviousDay?.PreviousRank, d.SincePreviousDay?.PreviousValue, d.SincePreviousDay?.Rank))]);
    }

    private DistrictValues ValuesOf(string id, IReadOnlyList<HistoryPoint> points, BulletinPeriod period)
    {
        var values = points
            .Where(p => p.Value is not null && calendar.DayOf(p.Start) is var day && day >= period.First && day <= period.Last)
            .Select(p => p.Value!.Value)
            .ToList();
        return new DistrictValues(id, values.Count == 0
            ? new Dictionary<string, double>()
            : new Dictionary<string, double> { [HistoryMetrics.Aqi] = values.Average() });
    }
}
