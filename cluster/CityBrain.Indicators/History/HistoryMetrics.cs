using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;

namespace CityBrain.Indicators.History;

/// <summary>Metric names shared by the history store, rankings and the API, so that one name means one thing.</summary>
public static class HistoryMetrics
{
    public const string Aqi = "aqi";

    /// <summary>Day and night levels of a date (FIWARE LAeq_d / LAeq_n) and the day-night level.</summary>
    public const string NoiseDay = "noise_ld";
    public const string NoiseNight = "noise_ln";
    public const string NoiseDayNight = "noise_ldn";

    public const string OnlineRate = "online_rate";
    public const string ValidityRate = "validity_rate";

    /// <summary>A quantity's mean over the period under its wire name, e.g. <c>pm2_5</c>, <c>noise</c>.</summary>
    public static string Of(Quantity quantity) => quantity.WireName();

    /// <summary>The sub-index of one item, e.g. <c>iaqi_pm2_5_24h</c>.</summary>
    public static string SubIndex(Measure measure) => $"iaqi_{measure.Pollutant.Quantity().WireName()}_{measure.Averaging.Label()}";
}
