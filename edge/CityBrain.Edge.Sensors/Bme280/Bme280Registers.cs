namespace CityBrain.Edge.Sensors.Bme280;

/// <summary>Oversampling of one channel: more samples, less noise, longer measurement. Values are the register codes.</summary>
public enum Bme280Oversampling
{
    Skipped = 0,
    X1 = 1,
    X2 = 2,
    X4 = 3,
    X8 = 4,
    X16 = 5,
}

/// <summary>The IIR filter on temperature and pressure (smooths door slams and wind gusts). Values are the register codes.</summary>
public enum Bme280Filter
{
    Off = 0,
    X2 = 1,
    X4 = 2,
    X8 = 3,
    X16 = 4,
}

/// <summary>Standby between measurements in normal mode, named for the BME280. Values are the register codes; on a
/// BMP280 codes 6 and 7 mean 2000 and 4000 ms [sensors.md: not re-checked against the datasheet].</summary>
public enum Bme280Standby
{
    Ms0_5 = 0,
    Ms62_5 = 1,
    Ms125 = 2,
    Ms250 = 3,
    Ms500 = 4,
    Ms1000 = 5,
    Ms10 = 6,
    Ms20 = 7,
}

/// <summary>Forced: the driver starts each measurement and the chip sleeps between them (the datasheet's advice for
/// weather monitoring). Normal: the chip measures on its own every measurement time plus standby.</summary>
public enum Bme280Mode
{
    Forced,
    Normal,
}

/// <summary>Register map and timing of the BME280 and BMP280 (Bosch datasheet and BME280_SensorAPI).</summary>
public static class Bme280Registers
{
    public const byte CalibrationTemperaturePressure = 0x88;
    public const byte ChipId = 0xD0;
    public const byte Reset = 0xE0;
    public const byte CalibrationHumidity = 0xE1;
    public const byte ControlHumidity = 0xF2;
    public const byte Status = 0xF3;
    public const byte ControlMeasurement = 0xF4;
    public const byte Config = 0xF5;
    public const byte Data = 0xF7;

    public const byte ResetCommand = 0xB6;
    public const byte StatusMeasuring = 0x08;
    public const byte StatusImUpdate = 0x01;

    public const byte Bme280Id = 0x60;

    /// <summary>BMP280 production parts read 0x58; 0x56 and 0x57 are samples [sensors.md: not re-checked].</summary>
    public static readonly IReadOnlyList<byte> Bmp280Ids = [0x58, 0x56, 0x57];

    /// <summary>What a skipped (or never started) measurement leaves in the data registers.</summary>
    public const int SkippedPressureOrTemperature = 0x80000, SkippedHumidity = 0x8000;

    public const byte ModeSleep = 0b00, ModeForced = 0b01, ModeNormal = 0b11;

    public static bool IsBmp280(byte chipId) => Bmp280Ids.Contains(chipId);

    public static int Factor(Bme280Oversampling oversampling) => oversampling == Bme280Oversampling.Skipped ? 0 : 1 << ((int)oversampling - 1);

    /// <summary>t_max = 1.25 + 2.3·T + (2.3·P + 0.575) + (2.3·H + 0.575) ms, skipped channels dropped (datasheet
    /// appendix B; the Bosch API's 1250/2300/575 µs).</summary>
    public static TimeSpan MaxMeasurementTime(Bme280Oversampling temperature, Bme280Oversampling pressure, Bme280Oversampling humidity)
    {
        static double Channel(Bme280Oversampling o, double extra) => o == Bme280Oversampling.Skipped ? 0 : 2.3 * Factor(o) + extra;
        return TimeSpan.FromMicroseconds(1000 * (1.25 + Channel(temperature, 0) + Channel(pressure, 0.575) + Channel(humidity, 0.575)));
    }

    public static TimeSpan Standby(Bme280Standby standby, bool bmp280) => TimeSpan.FromMilliseconds(standby switch
    {
        Bme280Standby.Ms0_5 => 0.5,
        Bme280Standby.Ms62_5 => 62.5,
        Bme280Standby.Ms125 => 125,
        Bme280Standby.Ms250 => 250,
        Bme280Standby.Ms500 => 500,
        Bme280Standby.Ms1000 => 1000,
        Bme280Standby.Ms10 => bmp280 ? 2000 : 10,
        _ => bmp280 ? 4000 : 20,
    });

    public static byte ControlMeasurementValue(Bme280Oversampling temperature, Bme280Oversampling pressure, byte mode) =>
        (byte)((int)temperature << 5 | (int)pressure << 2 | mode);

    public static byte ConfigValue(Bme280Standby standby, Bme280Filter filter) => (byte)((int)standby << 5 | (int)filter << 2);
}
