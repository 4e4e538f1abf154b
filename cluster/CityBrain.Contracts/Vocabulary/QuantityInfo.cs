using System.Collections.Frozen;

namespace CityBrain.Contracts.Vocabulary;

/// <summary>Wire name, unit and physically possible range of one quantity.</summary>
/// <remarks>The range is what any sensor could possibly report, not a plausibility band: a value outside it is a
/// broken reading, not pollution, and the cluster rejects the whole message rather than trust it.</remarks>
public sealed record QuantityInfo(Quantity Quantity, string WireName, string Unit, string DisplayUnit, double Min, double Max);

public static class Quantities
{
    public static IReadOnlyList<QuantityInfo> All { get; } =
    [
        new(Quantity.Pm1, "pm1", Units.MicrogramsPerCubicMetre, "µg/m³", 0, 10_000),
        new(Quantity.Pm2_5, "pm2_5", Units.MicrogramsPerCubicMetre, "µg/m³", 0, 10_000),
        new(Quantity.Pm10, "pm10", Units.MicrogramsPerCubicMetre, "µg/m³", 0, 10_000),
        new(Quantity.No2, "no2", Units.MicrogramsPerCubicMetre, "µg/m³", 0, 50_000),
        new(Quantity.So2, "so2", Units.MicrogramsPerCubicMetre, "µg/m³", 0, 50_000),
        new(Quantity.O3, "o3", Units.MicrogramsPerCubicMetre, "µg/m³", 0, 50_000),
        new(Quantity.Co, "co", Units.MilligramsPerCubicMetre, "mg/m³", 0, 1_000),
        new(Quantity.Co2, "co2", Units.PartsPerMillion, "ppm", 0, 100_000),
        new(Quantity.Temperature, "temperature", Units.DegreesCelsius, "°C", -90, 90),
        new(Quantity.Humidity, "humidity", Units.Percent, "%", 0, 100),
        new(Quantity.Pressure, "pressure", Units.Hectopascal, "hPa", 300, 1_100),
        new(Quantity.Noise, "noise", Units.DecibelA, "dB(A)", 0, 200),
        new(Quantity.Illuminance, "illuminance", Units.Lux, "lx", 0, 200_000),
        new(Quantity.Pm4, "pm4", Units.MicrogramsPerCubicMetre, "µg/m³", 0, 10_000),
        // Number concentrations count the particles smaller than the size in the name, per cm³ (Sensirion's bins).
        new(Quantity.Nc0_5, "nc0_5", Units.PerCubicCentimetre, "#/cm³", 0, 1_000_000),
        new(Quantity.Nc1, "nc1", Units.PerCubicCentimetre, "#/cm³", 0, 1_000_000),
        new(Quantity.Nc2_5, "nc2_5", Units.PerCubicCentimetre, "#/cm³", 0, 1_000_000),
        new(Quantity.Nc4, "nc4", Units.PerCubicCentimetre, "#/cm³", 0, 1_000_000),
        new(Quantity.Nc10, "nc10", Units.PerCubicCentimetre, "#/cm³", 0, 1_000_000),
        // Sensirion's gas indices are relative to the sensor's own recent past (VOC 100, NOx 1 = its usual air), not
        // concentrations; 0 is outside their 1..500 scale but kept possible so a chip's start-up value is not a fault.
        new(Quantity.VocIndex, "voc_index", Units.Index, "", 0, 500),
        new(Quantity.NoxIndex, "nox_index", Units.Index, "", 0, 500),
        // An SGP41's raw signals (ticks), published as such: the index needs Sensirion's algorithm, which the gateway
        // does not run (see the SGP41 driver's README).
        new(Quantity.VocRaw, "voc_raw", Units.Tick, "ticks", 0, 65_535),
        new(Quantity.NoxRaw, "nox_raw", Units.Tick, "ticks", 0, 65_535),
    ];

    private static readonly FrozenDictionary<string, QuantityInfo> ByWireName =
        All.ToFrozenDictionary(q => q.WireName, StringComparer.Ordinal);

    private static readonly FrozenDictionary<Quantity, QuantityInfo> ByQuantity = All.ToFrozenDictionary(q => q.Quantity);

    public static QuantityInfo Info(this Quantity quantity) => ByQuantity[quantity];

    public static string WireName(this Quantity quantity) => ByQuantity[quantity].WireName;

    public static string Unit(this Quantity quantity) => ByQuantity[quantity].Unit;

    public static bool TryParse(string? wireName, out QuantityInfo info)
    {
        info = null!;
        return wireName is not null && ByWireName.TryGetValue(wireName, out info!);
    }
}

/// <summary>Unit symbols on the wire: ASCII, so that any MQTT tool can type them.</summary>
public static class Units
{
    public const string MicrogramsPerCubicMetre = "ug/m3";
    public const string MilligramsPerCubicMetre = "mg/m3";
    public const string PartsPerMillion = "ppm";
    public const string DegreesCelsius = "Cel";
    public const string Percent = "%";
    public const string Hectopascal = "hPa";
    public const string DecibelA = "dB(A)";
    public const string Lux = "lx";

    /// <summary>Particles per cubic centimetre (UCUM <c>/cm3</c>).</summary>
    public const string PerCubicCentimetre = "/cm3";

    /// <summary>A dimensionless index (UCUM annotation).</summary>
    public const string Index = "{index}";

    /// <summary>A raw sensor signal in the chip's counts (UCUM annotation).</summary>
    public const string Tick = "{tick}";
}
