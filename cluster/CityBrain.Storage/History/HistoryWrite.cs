using CityBrain.Indicators.History;

namespace CityBrain.Storage.History;

/// <summary>One caller's points and shares, committed together with whatever other callers queued beside them.</summary>
public sealed record HistoryWrite(IReadOnlyCollection<HistoryPoint> Points, IReadOnlyCollection<HourShare> Shares);
