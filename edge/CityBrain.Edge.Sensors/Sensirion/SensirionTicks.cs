namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>The conversions Sensirion's chips share between 16-bit ticks and physical values, both ways (the reverse
/// is what an emulated chip produces, and what the driver writes as a setting).</summary>
public static class SensirionTicks
{
    /// <summary>T = −45 + 175·S/65535 °C (SHT3x, SHT4x, SCD4x).</summary>
    public static double Temperature(ushort ticks) => -45 + 175.0 * ticks / 65535;

    public static ushort FromTemperature(double celsius) => Round((celsius + 45) * 65535 / 175);

    /// <summary>RH = 100·S/65535 % (SHT3x, SCD4x; the SHT4x has its own).</summary>
    public static double Humidity(ushort ticks) => 100.0 * ticks / 65535;

    public static ushort FromHumidity(double percent) => Round(percent * 65535 / 100);

    /// <summary>The nearest tick, held to the word's range.</summary>
    public static ushort Round(double ticks) => (ushort)Math.Clamp(Math.Round(ticks), 0, ushort.MaxValue);
}
