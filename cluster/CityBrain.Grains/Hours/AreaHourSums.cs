using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Hours;

/// <summary>Sums a place's hours from the shares its members stored, so the place's numbers are a function of those
/// shares (and through them of the journal), whatever the place itself remembered.</summary>
/// <param name="memberScopes">The scopes the members' shares are kept under: devices for a district; districts,
/// regions or both for a region.</param>
internal sealed class AreaHourSums(IHistoryStore history, LocalCalendar calendar, IReadOnlyList<HistoryScope> memberScopes, string areaId)
{
    /// <summary>Sets each of <paramref name="due"/> to the members' shares as stored now. A due hour older than the
    /// hours kept (late data from a long outage or a backfill) brings the rest of its local day from the stored shares
    /// too, so the day's values written with it are over the whole day.</summary>
    public async Task SumAsync(AreaHours hours, IReadOnlyList<ClockHour> due, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (due.Count == 0) return;
        var keptFrom = now - AreaHours.Kept;
        var oldDays = due.Where(h => h.Start < keptFrom).Select(h => calendar.DayOf(h.Start)).ToHashSet();
        var from = oldDays.Count == 0 ? due.Min(h => h.Start) : calendar.StartOf(oldDays.Min());
        var to = oldDays.Count == 0 ? due.Max(h => h.End) : Later(due.Max(h => h.End), calendar.StartOf(oldDays.Max().AddDays(1)));
        var byHour = (await ReadAsync(from, to, cancellationToken)).ToLookup(t => t.Hour);
        foreach (var hour in due) hours.Replace(hour, byHour[hour.Start]);
        foreach (var hour in oldDays.SelectMany(calendar.HoursOf).Where(h => h.Start < keptFrom && hours.Find(h) is null))
        {
            hours.Replace(hour, byHour[hour.Start]);
        }
    }

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    /// <summary>After an activation: marks the kept hours that differ from the stored shares to be summed again now.</summary>
    public async Task<IReadOnlyList<ClockHour>> ReconcileAsync(AreaHours hours, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var totals = await ReadAsync(now - AreaHours.Kept - TimeSpan.FromHours(1), now + TimeSpan.FromHours(1), cancellationToken);
        return hours.Reconcile(calendar, totals, now);
    }

    private async Task<IReadOnlyList<HourTotal>> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        if (memberScopes.Count == 1) return await history.ReadSharesAsync(memberScopes[0], areaId, from, to, cancellationToken);
        var parts = new List<HourTotal>();
        foreach (var scope in memberScopes) parts.AddRange(await history.ReadSharesAsync(scope, areaId, from, to, cancellationToken));
        return Combine(parts);
    }

    /// <summary>The totals of members of several scopes as one total per hour and metric.</summary>
    public static IReadOnlyList<HourTotal> Combine(IEnumerable<HourTotal> parts) =>
        [.. parts.GroupBy(t => (t.Hour, t.Metric))
            .Select(g => new HourTotal(g.Key.Hour, g.Key.Metric, g.Sum(t => t.Sum), g.Sum(t => t.Weight), g.Sum(t => t.Children)))];
}
