namespace CityBrain.Indicators.History;

/// <summary>What one place adds to its parent's hour, per metric, as the totals of a weighted mean (a device its
/// hourly mean with weight one, a district the totals of its devices). Keyed by (scope, child, hour): writing it again
/// replaces it, so a share sent twice, or recomputed after late data, never counts twice, and a parent that lost its
/// memory sums its hours again from what its children wrote.</summary>
/// <param name="Scope">The child's level.</param>
public sealed record HourShare(HistoryScope Scope, string Child, string Parent, DateTimeOffset Hour, IReadOnlyList<ShareTotal> Totals);

/// <param name="Sum">Sum of weight × value, the value as an energy 10^(L/10) for sound levels.</param>
public readonly record struct ShareTotal(string Metric, double Sum, double Weight);

/// <summary>The shares of every child of a parent for one hour and metric, added up.</summary>
public sealed record HourTotal(DateTimeOffset Hour, string Metric, double Sum, double Weight, int Children);
