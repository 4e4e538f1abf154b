namespace CityBrain.Indicators.History;

/// <summary>Durable series of closed hours and days: per device (hourly, a week or more), per district and per city
/// (hourly for a year or more, daily for years). Written incrementally as periods close; writing a point again
/// replaces it, so a period recomputed after late data simply overwrites.</summary>
public interface IHistoryStore
{
    /// <summary>Completes once every point is durable. Points from concurrent callers are committed together.</summary>
    ValueTask WriteAsync(IReadOnlyCollection<HistoryPoint> points, CancellationToken cancellationToken = default);

    /// <summary>Points and hourly shares committed together: a device's closed hour is in its history and in its
    /// district's sums at once, or in neither.</summary>
    ValueTask WriteAsync(IReadOnlyCollection<HistoryPoint> points, IReadOnlyCollection<HourShare> shares, CancellationToken cancellationToken = default);

    /// <summary>The shares of <paramref name="parent"/>'s children of level <paramref name="childScope"/> for the hours
    /// starting in [<paramref name="from"/>, <paramref name="to"/>), added up per hour and metric.</summary>
    Task<IReadOnlyList<HourTotal>> ReadSharesAsync(HistoryScope childScope, string parent, DateTimeOffset from, DateTimeOffset to,
        CancellationToken cancellationToken = default);

    /// <summary>The points of one place and resolution in [<see cref="HistoryQuery.From"/>, <see cref="HistoryQuery.To"/>)
    /// by period start, ordered by metric and time.</summary>
    Task<IReadOnlyList<HistoryPoint>> ReadAsync(HistoryQuery query, CancellationToken cancellationToken = default);
}

/// <summary>Whose history: a device, a leaf region (where devices register: a district), or a region made of regions
/// (a city, the province, any level above the leaves).</summary>
public enum HistoryScope
{
    Device,
    District,
    Region,
}

public enum HistoryResolution
{
    Hour,
    Day,
}

/// <summary>One period's value of one metric at one place.</summary>
/// <param name="Id">The device, district or city id.</param>
/// <param name="Metric">See <see cref="HistoryMetrics"/>.</param>
/// <param name="Start">UTC start of the hour, or the instant of local midnight that starts the day. The cockpit labels
/// an hour by its end (<see cref="Time.ClockHour.Label"/>).</param>
/// <param name="Value">Null for a period without enough valid data: kept as invalid, never as zero.</param>
/// <param name="Count">Valid values behind the point (hours of a day, readings of an hour), so a reader can tell a thin
/// value from a full one.</param>
/// <param name="RuleSet">For AQI points, the rule set that computed them (<see cref="Air.AqiRuleSets.Id"/>).</param>
public sealed record HistoryPoint(
    HistoryScope Scope,
    string Id,
    string Metric,
    HistoryResolution Resolution,
    DateTimeOffset Start,
    double? Value,
    int Count = 0,
    string? RuleSet = null);

/// <param name="Metrics">Only these metrics; null for all.</param>
public sealed record HistoryQuery(
    HistoryScope Scope,
    string Id,
    HistoryResolution Resolution,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyCollection<string>? Metrics = null);
