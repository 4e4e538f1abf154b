using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Hours;

/// <summary>Sums a district's or the city's hours from the shares its members stored, so the area's numbers are a
/// function of those shares (and through them of the journal), whatever the area itself remembered.</summary>
internal sealed class AreaHourSums(IHistoryStore history, LocalCalendar calendar, HistoryScope memberScope, string areaId)
{
    /// <summary>Sets each of <paramref name="due"/> to the members' shares as stored now.</summary>
    public async Task SumAsync(AreaHours hours, IReadOnlyList<ClockHour> due, CancellationToken cancellationToken)
    {
        if (due.Count == 0) return;
        var totals = await history.ReadSharesAsync(memberScope, areaId, due.Min(h => h.Start), due.Max(h => h.End), cancellationToken);
        var byHour = totals.ToLookup(t => t.Hour);
        foreach (var hour in due) hours.Replace(hour, byHour[hour.Start]);
    }

    /// <summary>After an activation: marks the kept hours that differ from the stored shares to be summed again now.</summary>
    public async Task<IReadOnlyList<ClockHour>> ReconcileAsync(AreaHours hours, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var totals = await history.ReadSharesAsync(memberScope, areaId, now - AreaHours.Kept - TimeSpan.FromHours(1), now + TimeSpan.FromHours(1), cancellationToken);
        return hours.Reconcile(calendar, totals, now);
    }
}
