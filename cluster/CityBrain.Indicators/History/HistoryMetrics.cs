using System.Collections.Frozen;
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

    /// <summary>Every metric a history holds, with its unit (null for an index or a rate): the names a query may ask for.</summary>
    public static FrozenDictionary<string, string?> Units { get; } = BuildUnits();

    private static FrozenDictionary<string, string?> BuildUnits()
    {
        var metrics = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [Aqi] = null,
            [NoiseDay] = Contracts.Vocabulary.Units.DecibelA,
            [NoiseNight] = Contracts.Vocabulary.Units.DecibelA,
            [NoiseDayNight] = Contracts.Vocabulary.Units.DecibelA,
            [OnlineRate] = null,
            [ValidityRate] = null,
        };
        foreach (var info in Quantities.All) metrics[info.WireName] = info.Unit;
        foreach (var pollutant in Pollutants.All)
        {
            foreach (var averaging in Enum.GetValues<Averaging>()) metrics[SubIndex(new Measure(pollutant, averaging))] = null;
        }
        return metrics.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
