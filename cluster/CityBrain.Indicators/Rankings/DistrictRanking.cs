namespace CityBrain.Indicators.Rankings;

/// <summary>The values of one district at one moment, by metric name (<see cref="History.HistoryMetrics"/>: <c>aqi</c>,
/// <c>pm2_5</c>, …).</summary>
public sealed record DistrictValues(string DistrictId, IReadOnlyDictionary<string, double> Values);

/// <summary>One district's place in a ranking.</summary>
/// <param name="Rank">1 is the cleanest (lowest value); ties share a rank (1, 2, 2, 4). Null when the district has no
/// value, and then it is listed last.</param>
/// <param name="SincePreviousHour">Against the snapshot an hour earlier; null without one.</param>
/// <param name="SincePreviousDay">Against the snapshot a day earlier; null without one.</param>
public sealed record RankedDistrict(string DistrictId, int? Rank, double? Value, RankChange? SincePreviousHour, RankChange? SincePreviousDay);

/// <param name="Value">Current minus previous value; null when either is missing.</param>
/// <param name="Rank">Places gained: previous rank minus current rank, so positive means cleaner than the others than
/// before; null when either rank is missing.</param>
public sealed record RankChange(double? PreviousValue, int? PreviousRank, double? Value, int? Rank);

/// <summary>Districts ranked by one metric.</summary>
public sealed record DistrictRanking(string Metric, IReadOnlyList<RankedDistrict> Districts)
{
    /// <summary>Ranks <paramref name="current"/> by <paramref name="metric"/>, with the change against the snapshots
    /// of the previous hour and the previous day. A pure function: the caller keeps the snapshots.</summary>
    public static DistrictRanking Rank(string metric, IReadOnlyCollection<DistrictValues> current,
        IReadOnlyCollection<DistrictValues>? previousHour = null, IReadOnlyCollection<DistrictValues>? previousDay = null)
    {
        var now = Places(metric, current);
        var hour = previousHour is null ? null : Places(metric, previousHour);
        var day = previousDay is null ? null : Places(metric, previousDay);
        return new DistrictRanking(metric, [.. now
            .OrderBy(p => p.Value.Rank ?? int.MaxValue)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => new RankedDistrict(p.Key, p.Value.Rank, p.Value.Value, Change(p.Key, p.Value, hour), Change(p.Key, p.Value, day)))]);
    }

    /// <summary>One ranking for each metric any current district has a value of, in metric-name order.</summary>
    public static IReadOnlyList<DistrictRanking> RankAll(IReadOnlyCollection<DistrictValues> current,
        IReadOnlyCollection<DistrictValues>? previousHour = null, IReadOnlyCollection<DistrictValues>? previousDay = null) =>
        [.. current.SelectMany(d => d.Values.Keys).Distinct().Order(StringComparer.Ordinal)
            .Select(metric => Rank(metric, current, previousHour, previousDay))];

    private static Dictionary<string, Place> Places(string metric, IEnumerable<DistrictValues> districts)
    {
        var places = districts.ToDictionary(d => d.DistrictId, d => new Place(null, d.Values.TryGetValue(metric, out var v) ? v : null));
        var ranked = places.Where(p => p.Value.Value is not null).OrderBy(p => p.Value.Value).Select(p => p.Key).ToList();
        for (var i = 0; i < ranked.Count; i++)
        {
            var place = places[ranked[i]];
            // Competition ranking: a district shares the rank of the first one with its value.
            var previous = i > 0 ? places[ranked[i - 1]] : null;
            places[ranked[i]] = place with { Rank = previous is not null && previous.Value == place.Value ? previous.Rank : i + 1 };
        }
        return places;
    }

    private static RankChange? Change(string districtId, Place now, Dictionary<string, Place>? before)
    {
        if (before is null) return null;
        var then = before.GetValueOrDefault(districtId);
        return new RankChange(then?.Value, then?.Rank, now.Value - then?.Value, then?.Rank - now.Rank);
    }

    private sealed record Place(int? Rank, double? Value);
}
