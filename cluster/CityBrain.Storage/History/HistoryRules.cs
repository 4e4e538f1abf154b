using CityBrain.Indicators.History;

namespace CityBrain.Storage.History;

/// <summary>What every history store refuses, how it codes scopes and resolutions in its rows, and what its pruning
/// deletes: the same for each database, so a city's history means the same wherever it is kept.</summary>
public static class HistoryRules
{
    /// <summary>Refuses a point before it is queued, so one bad point fails only its own caller. A database would store
    /// NaN as NULL, or as NaN, turning a computing error into an "invalid period" or into a number.</summary>
    public static void Check(HistoryPoint point)
    {
        if (string.IsNullOrEmpty(point.Id) || string.IsNullOrEmpty(point.Metric))
        {
            throw new ArgumentException($"history point {point} needs an id and a metric", nameof(point));
        }
        if (point.Value is { } v && !double.IsFinite(v))
        {
            throw new ArgumentException($"history point {point.Scope}/{point.Id}/{point.Metric} at {point.Start:O} has the non-finite value {v}; store an invalid period as null", nameof(point));
        }
        if (point.Count < 0) throw new ArgumentException($"history point {point.Scope}/{point.Id}/{point.Metric} has a negative count", nameof(point));
    }

    public static void Check(HourShare share)
    {
        if (string.IsNullOrEmpty(share.Child) || string.IsNullOrEmpty(share.Parent))
        {
            throw new ArgumentException($"hour share {share.Scope}/{share.Child} → {share.Parent} needs a child and a parent", nameof(share));
        }
        if (share.Totals.FirstOrDefault(t => !double.IsFinite(t.Sum) || !double.IsFinite(t.Weight) || t.Weight <= 0) is { Metric: not null } bad)
        {
            throw new ArgumentException($"hour share {share.Scope}/{share.Child} at {share.Hour:O} has {bad.Metric} sum {bad.Sum} and weight {bad.Weight}; both must be finite and the weight positive", nameof(share));
        }
    }

    // Explicit codes rather than enum ordinals: reordering an enum must not reinterpret stored rows.
    public static int Code(HistoryScope scope) => scope switch
    {
        HistoryScope.Device => 1,
        HistoryScope.District => 2,
        HistoryScope.Region => 3,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, null),
    };

    public static int Code(HistoryResolution resolution) => resolution switch
    {
        HistoryResolution.Hour => 1,
        HistoryResolution.Day => 2,
        _ => throw new ArgumentOutOfRangeException(nameof(resolution), resolution, null),
    };

    /// <summary>For every scope and resolution, the period start before which its points have expired at <paramref name="now"/>.</summary>
    public static IEnumerable<(HistoryScope Scope, HistoryResolution Resolution, DateTimeOffset Cutoff)> PointCutoffs(HistoryStoreOptions options, DateTimeOffset now) =>
        from scope in Enum.GetValues<HistoryScope>()
        from resolution in Enum.GetValues<HistoryResolution>()
        select (scope, resolution, now - options.RetentionOf(scope, resolution));

    /// <summary>For every child scope, the hour before which its shares have expired: they live as long as its hourly points.</summary>
    public static IEnumerable<(HistoryScope Scope, DateTimeOffset Cutoff)> ShareCutoffs(HistoryStoreOptions options, DateTimeOffset now) =>
        Enum.GetValues<HistoryScope>().Select(scope => (scope, now - options.RetentionOf(scope, HistoryResolution.Hour)));
}
