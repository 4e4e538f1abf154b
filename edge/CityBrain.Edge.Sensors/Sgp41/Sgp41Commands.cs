using CityBrain.Edge.Sensors.Sensirion;

namespace CityBrain.Edge.Sensors.Sgp41;

/// <summary>The SGP41's two metal-oxide pixels, as its self-test names them.</summary>
[Flags]
public enum Sgp41Pixels
{
    None = 0,
    Voc = 1,
    Nox = 2,
}

/// <summary>The SGP41 command set (16-bit commands) with the datasheet's execution times, the compensation words and
/// the self-test result.</summary>
public static class Sgp41Commands
{
    /// <summary>With the RH and T words: heats the NOx pixel to its conditioning temperature and answers SRAW_VOC only.</summary>
    public const ushort ExecuteConditioning = 0x2612;

    /// <summary>With the RH and T words: answers SRAW_VOC and SRAW_NOX.</summary>
    public const ushort MeasureRawSignals = 0x2619;

    public const ushort ExecuteSelfTest = 0x280E;

    /// <summary>Switches both hotplates off; the chip idles until the next conditioning or measurement.</summary>
    public const ushort TurnHeaterOff = 0x3615;

    public const ushort GetSerialNumber = 0x3682;

    public static readonly TimeSpan ConditioningTime = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan MeasureTime = TimeSpan.FromMilliseconds(50);
    public static readonly TimeSpan SelfTestTime = TimeSpan.FromMilliseconds(320);
    public static readonly TimeSpan CommandTime = TimeSpan.FromMilliseconds(1);

    /// <summary>Conditioning runs at 1 Hz, as the datasheet's start-up sequence does.</summary>
    public static readonly TimeSpan ConditioningPeriod = TimeSpan.FromSeconds(1);

    /// <summary>The datasheet's ceiling: conditioning for longer may damage the NOx pixel.</summary>
    public static readonly TimeSpan MaxConditioning = TimeSpan.FromSeconds(10);

    /// <summary>The RH and T words that switch the on-chip humidity compensation off: 50 %RH and 25 °C.</summary>
    public const ushort DefaultHumidityWord = 0x8000, DefaultTemperatureWord = 0x6666;

    /// <summary>The temperatures the T word can carry: 0 and 65535 ticks.</summary>
    public const double MinTemperature = -45, MaxTemperature = 130;

    /// <summary>The RH and T words for a measured humidity and temperature, or the defaults (compensation off) unless
    /// both are known: a real temperature with a made-up 50 % would compensate for air that is not there.</summary>
    public static (ushort Humidity, ushort Temperature) CompensationWords(double? humidity, double? temperature) =>
        humidity is { } rh && temperature is { } t
            ? (SensirionTicks.FromHumidity(rh), SensirionTicks.FromTemperature(t))
            : (DefaultHumidityWord, DefaultTemperatureWord);

    /// <summary>A passed self-test leaves the low nibble of the result 0 (the chips answer 0xD400); the high byte means nothing.</summary>
    public static bool SelfTestPassed(ushort result) => (result & 0x000F) == 0;

    /// <summary>The pixels a self-test result names as failed (bit 0 VOC, bit 1 NOx).</summary>
    public static Sgp41Pixels FailedPixels(ushort result) => (Sgp41Pixels)(result & 0x0003);

    /// <summary>The result a chip answers when <paramref name="failed"/> pixels failed: what an emulated chip produces.</summary>
    public static ushort SelfTestResult(Sgp41Pixels failed) => (ushort)(0xD400 | (int)failed);
}
