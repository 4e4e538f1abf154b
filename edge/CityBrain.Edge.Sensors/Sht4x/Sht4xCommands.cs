using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Sht4x;

/// <summary>Measurement precision of the SHT4x: more repetitions inside the chip, less noise, longer wait.</summary>
public enum Sht4xPrecision
{
    High,
    Medium,
    Low,
}

/// <summary>The SHT4x heater: power and pulse length, one command each; the chip measures at the end of the pulse.</summary>
public enum Sht4xHeater
{
    Power200mW1s,
    Power200mW100ms,
    Power110mW1s,
    Power110mW100ms,
    Power20mW1s,
    Power20mW100ms,
}

/// <summary>The SHT4x command set (8-bit commands) with the waits of Sensirion's own driver, and the conversions.</summary>
public static class Sht4xCommands
{
    public const byte MeasureHigh = 0xFD;
    public const byte MeasureMedium = 0xF6;
    public const byte MeasureLow = 0xE0;
    public const byte ReadSerial = 0x89;
    public const byte SoftReset = 0x94;

    public static readonly TimeSpan SerialTime = TimeSpan.FromMilliseconds(10);

    /// <summary>Sensirion's driver waits 10 ms after a soft reset (the datasheet says about 1 ms).</summary>
    public static readonly TimeSpan ResetTime = TimeSpan.FromMilliseconds(10);

    public static byte Measure(Sht4xPrecision precision) => precision switch
    {
        Sht4xPrecision.High => MeasureHigh,
        Sht4xPrecision.Medium => MeasureMedium,
        _ => MeasureLow,
    };

    public static Sht4xPrecision? PrecisionOf(byte command) => command switch
    {
        MeasureHigh => Sht4xPrecision.High,
        MeasureMedium => Sht4xPrecision.Medium,
        MeasureLow => Sht4xPrecision.Low,
        _ => null,
    };

    public static TimeSpan MeasureTime(Sht4xPrecision precision) => TimeSpan.FromMilliseconds(precision switch
    {
        Sht4xPrecision.High => 10,
        Sht4xPrecision.Medium => 5,
        _ => 2,
    });

    public static byte Heat(Sht4xHeater heater) => heater switch
    {
        Sht4xHeater.Power200mW1s => 0x39,
        Sht4xHeater.Power200mW100ms => 0x32,
        Sht4xHeater.Power110mW1s => 0x2F,
        Sht4xHeater.Power110mW100ms => 0x24,
        Sht4xHeater.Power20mW1s => 0x1E,
        _ => 0x15,
    };

    public static Sht4xHeater? HeaterOf(byte command) =>
        Enum.GetValues<Sht4xHeater>().Cast<Sht4xHeater?>().FirstOrDefault(h => Heat(h!.Value) == command);

    /// <summary>How long the heater runs; the measurement follows at its end.</summary>
    public static TimeSpan PulseLength(Sht4xHeater heater) =>
        heater is Sht4xHeater.Power200mW1s or Sht4xHeater.Power110mW1s or Sht4xHeater.Power20mW1s
            ? TimeSpan.FromSeconds(1)
            : TimeSpan.FromMilliseconds(100);

    /// <summary>Heater power in watts.</summary>
    public static double HeaterPower(Sht4xHeater heater) => heater switch
    {
        Sht4xHeater.Power200mW1s or Sht4xHeater.Power200mW100ms => 0.2,
        Sht4xHeater.Power110mW1s or Sht4xHeater.Power110mW100ms => 0.11,
        _ => 0.02,
    };

    /// <summary>Sensirion's driver waits 1100 / 110 ms for a heater command.</summary>
    public static TimeSpan HeatTime(Sht4xHeater heater) => PulseLength(heater) * 1.1;

    /// <summary>RH = −6 + 125·S/65535 %, cropped to 0..100 (datasheet: the formula runs past both ends).</summary>
    public static double Humidity(ushort raw) => Math.Clamp(-6 + 125.0 * raw / 65535, 0, 100);

    /// <summary>The humidity ticks the chip produces for a physical value: the inverse of <see cref="Humidity"/>.</summary>
    public static ushort FromHumidity(double percent) => SensirionTicks.Round((percent + 6) * 65535 / 125);
}
