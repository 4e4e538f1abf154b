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
}
