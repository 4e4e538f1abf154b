using CityBrain.Bulletins.Model;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Regions;

namespace CityBrain.Bulletins.Composition;

/// <summary>Composes a bulletin of one place and period from the stored history: the place's own daily and hourly
/// points, its children's daily AQI (ranking), and the hourly and daily points of the districts below it (noise,
/// network).</summary>
/// <param name="cases">The supervision cases, or null where no case source is registered: the section then says
/// "not available".</param>
public sealed class BulletinComposer(IHistoryStore history, RegionTree tree, IBulletinCaseSource? cases, TimeProvider time)
{
    private readonly LocalCalendar _calendar = LocalCalendar.ForZone(tree.TimeZone);

    public RegionTree Tree => tree;

    public LocalCalendar Calendar => _calendar;

    public async Task<Bulletin> ComposeAsync(string regionId, BulletinPeriod period, CancellationToken cancellationToken)
    {
        if (!tree.TryFind(regionId, out var node)) throw new ArgumentException($"'{regionId}' is not a region of '{tree.Root.Id}'", nameof(regionId));
        var span = new PeriodSpan(period, _calendar.StartOf(period.First), _calendar.StartOf(period.Last.AddDays(1)));
        var scope = node.IsLeaf ? HistoryScope.District : HistoryScope.Region;

        var daily = await history.ReadAsync(new HistoryQuery(scope, regionId, HistoryResolution.Day, span.From, span.To, AirFigures.DailyMetrics), cancellationToken);
        var hourly = await history.ReadAsync(new HistoryQuery(scope, regionId, HistoryResolution.Hour, span.From, span.To, AirFigures.HourlyMetrics), cancellationToken);
        var air = new AirFigures(_calendar, period, daily, hourly);
        var leaves = RegionTree.Walk(node).Where(n => n.IsLeaf).ToList();
        var leafFigures = new LeafFigures(history, span);

        return new Bulletin(
            new BulletinPlace(node.Id, node.Name, node.NameZh, node.Level),
            period,
            tree.TimeZone,
            time.GetUtcNow(),
            air.Section(),
            air.Exceedance(),
            await new ChildRanking(history, _calendar).RankAsync(node, period, cancellationToken),
            await leafFigures.NoiseAsync(leaves, cancellationToken),
            await leafFigures.NetworkAsync(leaves, cancellationToken),
            new CasesSection(cases is null ? null : await cases.CountAsync(regionId, span.From, span.To, cancellationToken)),
            period.Kind == BulletinKind.Day ? null : air.Statistics());
    }
}

/// <summary>A period with the instants its first day starts and the day after its last starts.</summary>
internal sealed record PeriodSpan(BulletinPeriod Period, DateTimeOffset From, DateTimeOffset To);
