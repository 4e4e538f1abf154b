using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Scd4x;

/// <summary>Periodic measurement every 5 s, or every 30 s at lower power.</summary>
public enum Scd4xMode
{
    Periodic,
    LowPowerPeriodic,
}

/// <summary>The SCD4x command set (16-bit commands) with execution times from datasheet v1.3 and Sensirion's driver,
/// and the conversions of its words.</summary>
public static class Scd4xCommands
{
    public const ushort StartPeriodic = 0x21B1;
    public const ushort StartLowPowerPeriodic = 0x21AC;
    public const ushort ReadMeasurement = 0xEC05;
    public const ushort StopPeriodic = 0x3F86;
    public const ushort SetTemperatureOffset = 0x241D;
    public const ushort GetTemperatureOffset = 0x2318;
    public const ushort SetAltitude = 0x2427;
    public const ushort GetAltitude = 0x2322;

    /// <summary>With a word: set the ambient pressure; without: read it back.</summary>
    public const ushort AmbientPressure = 0xE000;

    public const ushort SetAutomaticSelfCalibration = 0x2416;
    public const ushort GetAutomaticSelfCalibration = 0x2313;
    public const ushort GetDataReady = 0xE4B8;
    public const ushort GetSerialNumber = 0x3682;

    /// <summary>Sensor variant (SCD40/41/42/43); from Sensirion's embedded-i2c-scd4x, older firmware may not know it.</summary>
    public const ushort GetVariant = 0x202F;

    public static readonly TimeSpan CommandTime = TimeSpan.FromMilliseconds(1);
    public static readonly TimeSpan StopTime = TimeSpan.FromMilliseconds(500);

    /// <summary>Power-up time (datasheet v1.3; newer Sensirion drivers use 30 ms for wake-up).</summary>
    public static readonly TimeSpan PowerUpTime = TimeSpan.FromMilliseconds(1000);

    public static ushort Start(Scd4xMode mode) => mode == Scd4xMode.Periodic ? StartPeriodic : StartLowPowerPeriodic;

    public static TimeSpan Period(Scd4xMode mode) => TimeSpan.FromSeconds(mode == Scd4xMode.Periodic ? 5 : 30);

    /// <summary>New data are ready iff the low 11 bits of the status word are not all zero.</summary>
    public static bool IsDataReady(ushort status) => (status & 0x07FF) != 0;

    /// <summary>Offset word = T_offset·65535/175.</summary>
    public static ushort FromTemperatureOffset(double celsius) => SensirionTicks.Round(celsius * 65535 / 175);

    public static double TemperatureOffset(ushort word) => word * 175.0 / 65535;

    /// <summary>The variant's name from get_sensor_variant (word &amp; 0xF000).</summary>
    public static string? Variant(ushort word) => (word & 0xF000) switch
    {
        0x0000 => "SCD40",
        0x1000 => "SCD41",
        0x2000 => "SCD42",
        0x5000 => "SCD43",
        _ => null,
    };
}
