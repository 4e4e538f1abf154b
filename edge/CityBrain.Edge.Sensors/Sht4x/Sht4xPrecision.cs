namespace CityBrain.Edge.Sensors.Sht4x;

/// <summary>Measurement commands of the SHT4x, with the wait Sensirion's own driver allows for each.</summary>
public enum Sht4xPrecision
{
    High,
    Medium,
    Low,
}

public static class Sht4xCommands
{
    public const byte MeasureHigh = 0xFD;
    public const byte MeasureMedium = 0xF6;
    public const byte MeasureLow = 0xE0;
    public const byte ReadSerial = 0x89;
    public const byte SoftReset = 0x94;

    public static byte Measure(Sht4xPrecision precision) => precision switch
    {
        Sht4xPrecision.High => MeasureHigh,
        Sht4xPrecision.Medium => MeasureMedium,
        _ => MeasureLow,
    };

    public static TimeSpan MeasureTime(Sht4xPrecision precision) => TimeSpan.FromMilliseconds(precision switch
    {
        Sht4xPrecision.High => 10,
        Sht4xPrecision.Medium => 5,
        _ => 2,
    });

    public static readonly TimeSpan SerialTime = TimeSpan.FromMilliseconds(10);

    /// <summary>T = −45 + 175·S/65535 °C (datasheet).</summary>
    public static double Temperature(ushort raw) => -45 + 175.0 * raw / 65535;

    /// <summary>RH = −6 + 125·S/65535 %, cropped to 0..100 (datasheet: the formula runs past both ends).</summary>
    public static double Humidity(ushort raw) => Math.Clamp(-6 + 125.0 * raw / 65535, 0, 100);
}
