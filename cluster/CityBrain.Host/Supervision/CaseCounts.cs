using CityBrain.Bulletins.Model;
using CityBrain.Grains.Regions;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Desk;
using CityBrain.Supervision.Store;

namespace CityBrain.Host.Supervision;

/// <summary>The bulletins' "cases" section from the case store: the cases touching a place over a day, month or year.</summary>
public sealed class CaseCounts(ICaseStore store, RegionCatalog catalog) : IBulletinCaseSource
{
    /// <remarks>A case's past states are in its trail, not in the case: "overdue at the end" is judged from the step it
    /// waits for now, which for yesterday's bulletin, written this morning, is nearly always the one it waited for then.</remarks>
    public async Task<CaseFigures> CountAsync(string regionId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var cases = (await store.ActiveSinceAsync(from, CaseDesk.MaxHeld, cancellationToken))
            .Where(c => c.Touches(regionId, catalog.Tree))
            .ToList();
        bool Within(DateTimeOffset? at) => at >= from && at < to;
        var openAtEnd = cases.Where(c => c.OpenedAt < to && (c.ClosedAt is null || c.ClosedAt >= to)).ToList();
        return new CaseFigures(
            Opened: cases.Count(c => Within(c.OpenedAt)),
            Closed: cases.Count(c => Within(c.ClosedAt)),
            OpenAtEnd: openAtEnd.Count,
            Overdue: openAtEnd.Count(c => c.Status.AwaitsAction() && c.Deadline < to));
    }
}
