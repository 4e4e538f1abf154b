using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Grains.Hours;

/// <summary>The hourly means of a district or of the city over the last two days, built from its members'
/// contributions (devices for a district, districts for the city). An hour closes a little after its members' hours
/// do, or again after late contributions changed it; two days is what the 24-hour means and daily reports of the
/// hours still open to change reach back.</summary>
[GenerateSerializer, Alias("citybrain.AreaHours.v1")]
public sealed class AreaHours
{
    public static readonly TimeSpan Kept = TimeSpan.FromHours(49);

    [Id(0)] public SortedDictionary<DateTimeOffset, AreaHour> Hours { get; set; } = [];

    /// <summary>The start of the next hour to be closed on time; every hour before it has closed at least once.</summary>
    [Id(1)] public DateTimeOffset? NextToClose { get; set; }

    public void Apply(HourContribution contribution, DateTimeOffset now, TimeSpan closeDelay)
    {
        if (contribution.Hour.End < now - Kept) return;
        var hour = HourOf(contribution.Hour);
        foreach (var (quantity, before) in contribution.Before) hour.MeanOf(quantity).Merge(before.Sum, before.Weight, -1);
        foreach (var (quantity, share) in contribution.Now) hour.MeanOf(quantity).Merge(share.Sum, share.Weight);
        // An hour whose time to close passed before this place first heard of it (a district activated after it ended,
        // a gateway catching up from its outbox) is closed late, like a closed hour that changed.
        var overdue = NextToClose is { } next && contribution.Hour.Start < next;
        if (hour.Closed || overdue)
        {
            hour.Closed = true;
            hour.ReopenUntil = now + closeDelay;
        }
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
        foreach (var old in Hours.Keys.Where(s => s < now - Kept).ToList()) Hours.Remove(old);
        return [.. due.OrderBy(h => h.Start)];
    }

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

    /// <summary>What the parent was last given for this hour.</summary>
    [Id(4)] public IReadOnlyDictionary<Quantity, Contribution> Sent { get; set; } = new Dictionary<Quantity, Contribution>();

    public MeanAccumulator MeanOf(Quantity quantity)
    {
        if (!Means.TryGetValue(quantity, out var mean)) Means[quantity] = mean = new MeanAccumulator(MeanKinds.For(quantity));
        return mean;
    }

    /// <summary>This hour's share of the parent, replacing what was sent before.</summary>
    public HourContribution ContributionFrom(string id)
    {
        var now = Means.Where(kv => kv.Value.Weight > 1e-9).ToDictionary(kv => kv.Key, kv => Contribution.Of(kv.Value));
        var contribution = new HourContribution(id, Hour, now, Sent);
        Sent = now;
        return contribution;
    }
}
