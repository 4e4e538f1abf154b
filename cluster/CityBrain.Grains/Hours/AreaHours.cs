using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Grains.Hours;

/// <summary>The hourly means of a district or of the city over the last two days, summed from its members' stored
/// shares (devices for a district, districts for the city): a cache of those shares, never a running sum of its own. An hour closes a little after its members' hours
/// do, or again after late contributions changed it; two days is what the 24-hour means and daily reports of the
/// hours still open to change reach back.</summary>
[GenerateSerializer, Alias("citybrain.AreaHours.v1")]
public sealed class AreaHours
{
    public static readonly TimeSpan Kept = TimeSpan.FromHours(49);

    [Id(0)] public SortedDictionary<DateTimeOffset, AreaHour> Hours { get; set; } = [];

    /// <summary>The start of the next hour to be closed on time; every hour before it has closed at least once.</summary>
    [Id(1)] public DateTimeOffset? NextToClose { get; set; }

    /// <summary>A member's share of <paramref name="hour"/> changed. An hour still to close needs nothing more; one that
    /// has closed, or whose time to close passed before this place first heard of it (a district activated after it
    /// ended, a gateway catching up from its outbox), is summed again a little later — also one older than the hours
    /// kept, as long as devices still take late data for it (<paramref name="lateWindow"/>): it is summed from the
    /// stored shares, written, and forgotten again.</summary>
    public void MarkChanged(ClockHour hour, DateTimeOffset now, TimeSpan closeDelay, TimeSpan lateWindow)
    {
        if (hour.End < now - TimeSpan.FromTicks(Math.Max(Kept.Ticks, (lateWindow + TimeSpan.FromHours(1)).Ticks))) return;
        var area = HourOf(hour);
        // Before this place closed any hour, CloseDue starts with the one that ended just now: older hours are overdue.
        var overdue = NextToClose is { } next ? hour.Start < next : hour.End < now - TimeSpan.FromHours(1);
        if (!area.Closed && !overdue) return;
        area.Closed = true;
        // The first change sets the time: a steady trickle of late shares must not postpone the hour for ever.
        area.ReopenUntil ??= now + closeDelay;
    }

    /// <summary>Sets <paramref name="hour"/>'s means to the members' shares, replacing whatever it held, and counts it
    /// as closed: only an hour whose time has come is summed.</summary>
    public void Replace(ClockHour hour, IEnumerable<HourTotal> totals)
    {
        var area = HourOf(hour);
        area.Closed = true;
        area.Means = [];
        foreach (var total in totals)
        {
            if (Quantities.TryParse(total.Metric, out var info)) area.Means[info.Quantity] = new MeanAccumulator(MeanKinds.For(info.Quantity), total.Sum, total.Weight);
        }
    }

    /// <summary>Compares the kept hours with the members' shares as stored and marks every closed hour that differs, or
    /// that the stores know and this place does not, to be summed again now: how a place that lost unsaved work (a
    /// crash, a notice taken and not yet saved) recovers its hours from what its members hold, never from a partial
    /// sum.</summary>
    public IReadOnlyList<ClockHour> Reconcile(LocalCalendar calendar, IReadOnlyList<HourTotal> stored, DateTimeOffset now)
    {
        var stale = new List<ClockHour>();
        foreach (var group in stored.GroupBy(t => t.Hour))
        {
            var hour = calendar.HourOf(group.Key);
            if (hour.End < now - Kept) continue;
            if (Hours.TryGetValue(hour.Start, out var area) && area.Closed && !area.Holds(group)) Reopen(area, now, stale);
            else if (area is null && NextToClose is { } next && hour.Start < next) Reopen(HourOf(hour), now, stale);
        }
        // An hour whose members' shares all vanished (recomputed as invalid) must lose its means too.
        foreach (var area in Hours.Values.Where(h => h.Closed && h.Means.Count > 0 && stored.All(t => t.Hour != h.Hour.Start)).ToList())
        {
            Reopen(area, now, stale);
        }
        return stale;
    }

    private static void Reopen(AreaHour area, DateTimeOffset now, List<ClockHour> reopened)
    {
        area.Closed = true;
        area.ReopenUntil = now;
        reopened.Add(area.Hour);
    }

    /// <summary>The hours to (re)compute at <paramref name="now"/>, oldest first: every hour that ended
    /// <paramref name="closeDelay"/> ago and has not closed, with or without data, and closed ones changed since.</summary>
    public IReadOnlyList<ClockHour> CloseDue(LocalCalendar calendar, DateTimeOffset now, TimeSpan closeDelay)
    {
        var due = new List<ClockHour>();
        var next = NextToClose is { } start ? calendar.HourOf(start) : calendar.HourOf(now - closeDelay - TimeSpan.FromHours(1));
        for (; next.End + closeDelay <= now; next = calendar.HourOf(next.End))
        {
            if (next.End < now - Kept) continue;
            HourOf(next).Closed = true;
            due.Add(next);
        }
        NextToClose = next.Start;
        foreach (var hour in Hours.Values.Where(h => h.ReopenUntil is { } until && until <= now))
        {
            hour.ReopenUntil = null;
            if (!due.Contains(hour.Hour)) due.Add(hour.Hour);
        }
        // An old hour still waiting to be summed again stays until it has been.
        foreach (var old in Hours.Where(h => h.Key < now - Kept && h.Value.ReopenUntil is null).Select(h => h.Key).ToList()) Hours.Remove(old);
        return [.. due.OrderBy(h => h.Start)];
    }

    /// <summary>This place's share of its parent's <paramref name="hour"/>: the totals of its hourly means.</summary>
    public HourShare ShareOf(HistoryScope scope, string id, string parent, ClockHour hour) =>
        Contribution.Share(scope, id, parent, hour,
            (Find(hour)?.Means ?? []).Select(kv => KeyValuePair.Create(kv.Key, Contribution.Of(kv.Value))));

    public bool IsClosed(ClockHour hour) => Hours.TryGetValue(hour.Start, out var h) && h.Closed;

    public AreaHour? Find(ClockHour hour) => Hours.GetValueOrDefault(hour.Start);

    /// <summary>Valid hourly values of <paramref name="quantity"/>, with <paramref name="provisional"/> standing in for
    /// an hour not yet closed.</summary>
    public HourlySeries Series(Quantity quantity, (ClockHour Hour, double Value)? provisional = null)
    {
        var values = Hours.Values
            .Where(h => h.Closed && h.Means.TryGetValue(quantity, out var m) && m.Mean is not null)
            .Select(h => KeyValuePair.Create(h.Hour.Start, h.Means[quantity].Mean!.Value));
        if (provisional is { } p) values = values.Where(v => v.Key != p.Hour.Start).Append(KeyValuePair.Create(p.Hour.Start, p.Value));
        return new HourlySeries(values);
    }

    public IReadOnlyDictionary<Pollutant, HourlySeries> PollutantSeries(IReadOnlyDictionary<Quantity, double>? provisional = null, ClockHour? provisionalHour = null) =>
        Pollutants.All.ToDictionary(p => p, p => Series(p.Quantity(),
            provisional is not null && provisionalHour is { } at && provisional.TryGetValue(p.Quantity(), out var v) ? (at, v) : null));

    private AreaHour HourOf(ClockHour hour)
    {
        if (!Hours.TryGetValue(hour.Start, out var area)) Hours[hour.Start] = area = new AreaHour { Hour = hour };
        return area;
    }
}

[GenerateSerializer, Alias("citybrain.AreaHour.v1")]
public sealed class AreaHour
{
    [Id(0)] public ClockHour Hour { get; set; }

    [Id(1)] public Dictionary<Quantity, MeanAccumulator> Means { get; set; } = [];

    [Id(2)] public bool Closed { get; set; }

    /// <summary>Set when a contribution changed a closed hour: it is computed again at this time.</summary>
    [Id(3)] public DateTimeOffset? ReopenUntil { get; set; }

    public MeanAccumulator MeanOf(Quantity quantity)
    {
        if (!Means.TryGetValue(quantity, out var mean)) Means[quantity] = mean = new MeanAccumulator(MeanKinds.For(quantity));
        return mean;
    }

    /// <summary>Whether these means are the <paramref name="totals"/> (to rounding).</summary>
    public bool Holds(IEnumerable<HourTotal> totals)
    {
        var list = totals.ToList();
        return list.Count == Means.Count && list.All(t => Quantities.TryParse(t.Metric, out var info)
            && Means.TryGetValue(info.Quantity, out var mean) && Close(mean.Sum, t.Sum) && Close(mean.Weight, t.Weight));
    }

    private static bool Close(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));
}
