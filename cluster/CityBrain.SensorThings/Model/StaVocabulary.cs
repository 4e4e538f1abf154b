using System.Collections.Frozen;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.History;

namespace CityBrain.SensorThings.Model;

/// <summary>A unit as a Datastream states it: a name, the symbol people read, and its UCUM code as the definition.</summary>
public sealed record UnitOfMeasurement(string Name, string Symbol, string Definition);

/// <summary>What an ObservedProperty says of a metric: its name, a public vocabulary term defining it where one fits, and
/// the unit its series are in.</summary>
public sealed record MetricInfo(string Metric, string Name, string Definition, string Description, UnitOfMeasurement Unit);

/// <summary>The observed properties CityBrain publishes: every quantity of the wire vocabulary and the history metrics
/// computed from them. Definitions point at the EEA air-quality pollutant vocabulary for pollutants and at QUDT quantity
/// kinds for climate, light and sound; where neither has a term (gas indices, raw signals, AQI, network rates) they
/// point at CityBrain's own vocabulary.</summary>
public static class StaVocabulary
{
    private const string Eionet = "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/";
    private const string Qudt = "http://qudt.org/vocab/quantitykind/";
    public const string CityBrain = "https://citybrain.example/vocabulary/";

    private static readonly UnitOfMeasurement Ratio = Ucum("ratio", "", "1");

    public static IReadOnlyList<MetricInfo> All { get; } = Build();

    private static readonly FrozenDictionary<string, MetricInfo> ByMetric = All.ToFrozenDictionary(m => m.Metric, StringComparer.Ordinal);

    public static bool TryGet(string metric, out MetricInfo info) => ByMetric.TryGetValue(metric, out info!);

    /// <summary>The unit of a quantity's wire symbol, with the UCUM code where the wire symbol is not one.</summary>
    public static UnitOfMeasurement UnitOf(QuantityInfo quantity) => quantity.Unit switch
    {
        Units.MicrogramsPerCubicMetre => Ucum("microgram per cubic metre", quantity.DisplayUnit, "ug/m3"),
        Units.MilligramsPerCubicMetre => Ucum("milligram per cubic metre", quantity.DisplayUnit, "mg/m3"),
        Units.PartsPerMillion => Ucum("part per million", quantity.DisplayUnit, "[ppm]"),
        Units.DegreesCelsius => Ucum("degree Celsius", quantity.DisplayUnit, "Cel"),
        Units.Percent => Ucum("percent", quantity.DisplayUnit, "%"),
        Units.Hectopascal => Ucum("hectopascal", quantity.DisplayUnit, "hPa"),
        Units.DecibelA => Ucum("decibel, A-weighted", quantity.DisplayUnit, "dB{A}"),
        Units.Lux => Ucum("lux", quantity.DisplayUnit, "lx"),
        Units.PerCubicCentimetre => Ucum("particles per cubic centimetre", quantity.DisplayUnit, "/cm3"),
        Units.Tick => Ucum("sensor ticks", quantity.DisplayUnit, "{tick}"),
        _ => Ucum("index", quantity.DisplayUnit, "{index}"),
    };

    private static UnitOfMeasurement Ucum(string name, string symbol, string code) => new(name, symbol, "ucum:" + code);

    private static IReadOnlyList<MetricInfo> Build()
    {
        var noise = UnitOf(Quantity.Noise.Info());
        List<MetricInfo> metrics = [.. Quantities.All.Select(q => new MetricInfo(q.WireName, NameOf(q.Quantity), DefinitionOf(q.Quantity),
            $"{NameOf(q.Quantity)} as reported by the gateways ({q.DisplayUnit})", UnitOf(q)))];
        metrics.Add(new(HistoryMetrics.Aqi, "Air quality index", CityBrain + "aqi",
            "Air quality index of HJ 633 (China), the largest of the pollutants' sub-indices", Ucum("index", "", "{index}")));
        metrics.Add(new(HistoryMetrics.NoiseDay, "Day noise level Ld", Qudt + "SoundPressureLevel", "Energy-mean A-weighted level over the day hours", noise));
        metrics.Add(new(HistoryMetrics.NoiseNight, "Night noise level Ln", Qudt + "SoundPressureLevel", "Energy-mean A-weighted level over the night hours", noise));
        metrics.Add(new(HistoryMetrics.NoiseDayNight, "Day-night noise level Ldn", Qudt + "SoundPressureLevel",
            "Day-night level, the night hours weighted by +10 dB", noise));
        metrics.Add(new(HistoryMetrics.OnlineRate, "Online rate", CityBrain + "online_rate", "Share of the district's devices online in the hour", Ratio));
        metrics.Add(new(HistoryMetrics.ValidityRate, "Data validity rate", CityBrain + "validity_rate",
            "Share of the expected hourly values that were valid", Ratio));
        return metrics;
    }

    private static string NameOf(Quantity quantity) => quantity switch
    {
        Quantity.Pm1 => "PM1",
        Quantity.Pm2_5 => "PM2.5",
        Quantity.Pm10 => "PM10",
        Quantity.Pm4 => "PM4",
        Quantity.No2 => "NO2",
        Quantity.So2 => "SO2",
        Quantity.O3 => "O3",
        Quantity.Co => "CO",
        Quantity.Co2 => "CO2",
        Quantity.Temperature => "Air temperature",
        Quantity.Humidity => "Relative humidity",
        Quantity.Pressure => "Air pressure",
        Quantity.Noise => "Sound level",
        Quantity.Illuminance => "Illuminance",
        Quantity.Nc0_5 => "Particles < 0.5 µm",
        Quantity.Nc1 => "Particles < 1 µm",
        Quantity.Nc2_5 => "Particles < 2.5 µm",
        Quantity.Nc4 => "Particles < 4 µm",
        Quantity.Nc10 => "Particles < 10 µm",
        Quantity.VocIndex => "VOC index",
        Quantity.NoxIndex => "NOx index",
        Quantity.VocRaw => "VOC raw signal",
        _ => "NOx raw signal",
    };

    private static string DefinitionOf(Quantity quantity) => quantity switch
    {
        Quantity.So2 => Eionet + "1",
        Quantity.Pm10 => Eionet + "5",
        Quantity.O3 => Eionet + "7",
        Quantity.No2 => Eionet + "8",
        Quantity.Co => Eionet + "10",
        Quantity.Pm2_5 => Eionet + "6001",
        Quantity.Pm1 => Eionet + "6002",
        Quantity.Pm4 => Eionet + "6003",
        Quantity.Temperature => Qudt + "Temperature",
        Quantity.Humidity => Qudt + "RelativeHumidity",
        Quantity.Pressure => Qudt + "AtmosphericPressure",
        Quantity.Noise => Qudt + "SoundPressureLevel",
        Quantity.Illuminance => Qudt + "Illuminance",
        Quantity.Nc0_5 or Quantity.Nc1 or Quantity.Nc2_5 or Quantity.Nc4 or Quantity.Nc10 => Qudt + "NumberDensity",
        _ => CityBrain + quantity.WireName(),
    };
}
