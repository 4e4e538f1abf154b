using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Alerts;

namespace CityBrain.Grains.Areas;

/// <summary>The indicators of a district or of the city, as the cockpit shows them.</summary>
/// <param name="RankingValues">The values districts are ranked by: <c>aqi</c> and each pollutant's mean of the
/// hour the AQI describes, under their history metric names.</param>
/// <param name="Alerts">Active alerts, and the most recently ended ones.</param>
/// <param name="NoiseCompliance">Districts below meeting their zone's limits (a district counts itself); null from a
/// snapshot stored before it was counted.</param>
[GenerateSerializer, Immutable, Alias("citybrain.AreaReport.v1")]
public sealed record AreaReport(
    [property: Id(0)] AirNow? Air,
    [property: Id(1)] DailyAir? DailyAir,
    [property: Id(2)] NoiseNow? Noise,
    [property: Id(3)] NetworkSummary Network,
    [property: Id(4)] IReadOnlyDictionary<string, double> RankingValues,
    [property: Id(5)] IReadOnlyList<Alert> Alerts,
    [property: Id(6)] NoiseCompliance? NoiseCompliance = null)
{
    public static AreaReport Empty { get; } = new(null, null, null, NetworkSummary.Empty, new Dictionary<string, double>(), []);
}
