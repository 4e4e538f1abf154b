using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Sen5x;

/// <summary>What Sensirion's multi-sensor modules SEN5x (SEN50/54/55) and SEN66 share: the command set for starting,
/// stopping, data-ready, identity and status (from Sensirion's SEN5x and SEN6x interface descriptions), and the words of
/// their measured values, both ways (a driver decodes them, an emulated chip encodes them).</summary>
public static class SenCommands
{
    public const ushort StartMeasurement = 0x0021;
    public const ushort StopMeasurement = 0x0104;
    public const ushort GetDataReady = 0x0202;
    public const ushort StartFanCleaning = 0x5607;

    /// <summary>With words: set the temperature offset parameters; without: read them back.</summary>
    public const ushort TemperatureOffsetParameters = 0x60B2;

    public const ushort GetProductName = 0xD014;
    public const ushort GetSerialNumber = 0xD033;
    public const ushort ReadDeviceStatus = 0xD206;
    public const ushort ReadAndClearDeviceStatus = 0xD210;
    public const ushort DeviceReset = 0xD304;

    /// <summary>Product name and serial number: up to 32 ASCII characters, NUL-ended, in 16 words.</summary>
    public const int TextWords = 16;

    /// <summary>The device status: a 32-bit register in 2 words, high word first.</summary>
    public const int StatusWords = 2;

    /// <summary>Execution time of data-ready, reads, status and settings.</summary>
    public static readonly TimeSpan CommandTime = TimeSpan.FromMilliseconds(20);

    public static readonly TimeSpan StartTime = TimeSpan.FromMilliseconds(50);

    /// <summary>A new measurement every second while measuring.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>How long the fan runs at full speed for a cleaning, during which no new data come.</summary>
    public static readonly TimeSpan CleaningTime = TimeSpan.FromSeconds(10);

    /// <summary>An unsigned value the chip does not know (yet): mass and number concentrations, CO₂.</summary>
    public const ushort UnsignedUnknown = 0xFFFF;

    /// <summary>A signed value the chip does not know (yet): humidity, temperature, VOC and NOx index.</summary>
    public const ushort SignedUnknown = 0x7FFF;

    /// <summary>The number-concentration quantities of the SEN66's 0x0316, in word order.</summary>
    public static readonly IReadOnlyList<Quantity> NumberConcentrations = [Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10];

    /// <summary>Data are ready iff the low byte of the word is 1 (the high byte is padding).</summary>
    public static bool IsDataReady(ushort word) => (word & 0xFF) != 0;

    /// <summary>µg/m³ or #/cm³ = word / 10.</summary>
    public static double? Concentration(ushort word) => word == UnsignedUnknown ? null : word / 10.0;

    /// <summary>RH % = signed word / 100.</summary>
    public static double? Humidity(ushort word) => word == SignedUnknown ? null : (short)word / 100.0;

    /// <summary>T °C = signed word / 200.</summary>
    public static double? Temperature(ushort word) => word == SignedUnknown ? null : (short)word / 200.0;

    /// <summary>VOC or NOx index = signed word / 10.</summary>
    public static double? Index(ushort word) => word == SignedUnknown ? null : (short)word / 10.0;

    /// <summary>CO₂ ppm = word.</summary>
    public static double? Co2(ushort word) => word == UnsignedUnknown ? null : word;

    public static ushort FromConcentration(double value) => (ushort)Math.Clamp(Math.Round(value * 10), 0, UnsignedUnknown - 1);

    public static ushort FromHumidity(double percent) => Signed(percent * 100);

    public static ushort FromTemperature(double celsius) => Signed(celsius * 200);

    public static ushort FromIndex(double index) => Signed(index * 10);

    public static ushort FromCo2(double ppm) => (ushort)Math.Clamp(Math.Round(ppm), 0, UnsignedUnknown - 1);

    /// <summary>The temperature offset word: °C × 200, signed.</summary>
    public static ushort FromTemperatureOffset(double celsius) => Signed(celsius * 200);

    /// <summary>Two words as one 32-bit value, high word first (device status, cleaning interval).</summary>
    public static uint UInt32(ReadOnlySpan<ushort> words) => (uint)words[0] << 16 | words[1];

    /// <summary>The measured values in the order both families send them: PM1, PM2.5, PM4, PM10, RH, T, VOC index, NOx
    /// index, and on the SEN66 CO₂; null where the chip does not know the value.</summary>
    public static List<(Quantity Quantity, double? Value)> MeasuredValues(ReadOnlySpan<ushort> words)
    {
        List<(Quantity, double?)> values =
        [
            (Quantity.Pm1, Concentration(words[0])),
            (Quantity.Pm2_5, Concentration(words[1])),
            (Quantity.Pm4, Concentration(words[2])),
            (Quantity.Pm10, Concentration(words[3])),
            (Quantity.Humidity, Humidity(words[4])),
            (Quantity.Temperature, Temperature(words[5])),
            (Quantity.VocIndex, Index(words[6])),
            (Quantity.NoxIndex, Index(words[7])),
        ];
        if (words.Length > 8) values.Add((Quantity.Co2, Co2(words[8])));
        return values;
    }

    /// <summary>Text words (product name, serial number) as a string, or a hex dump when they are not text.</summary>
    public static string Describe(ReadOnlySpan<ushort> words) =>
        SensirionWords.Text(words) is { } text ? $"'{text}'" : string.Join(" ", words.ToArray().Select(w => w.ToString("X4", System.Globalization.CultureInfo.InvariantCulture)));

    /// <summary>A signed word, held to its range short of the not-available marker.</summary>
    private static ushort Signed(double ticks) => (ushort)(short)Math.Clamp(Math.Round(ticks), short.MinValue, SignedUnknown - 1);
}
