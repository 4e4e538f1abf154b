namespace CityBrain.Edge.Sensors.Ads1115;

/// <summary>Input multiplexer: differential pairs or one input against GND. Values are the register codes.</summary>
public enum Ads1115Input
{
    Ain0Ain1 = 0,
    Ain0Ain3 = 1,
    Ain1Ain3 = 2,
    Ain2Ain3 = 3,
    Ain0 = 4,
    Ain1 = 5,
    Ain2 = 6,
    Ain3 = 7,
}

/// <summary>Full-scale range of the programmable gain amplifier. Values are the register codes.</summary>
public enum Ads1115Range
{
    Fs6_144 = 0,
    Fs4_096 = 1,
    Fs2_048 = 2,
    Fs1_024 = 3,
    Fs0_512 = 4,
    Fs0_256 = 5,
}

/// <summary>Samples per second. Values are the register codes.</summary>
public enum Ads1115Rate
{
    Sps8 = 0,
    Sps16 = 1,
    Sps32 = 2,
    Sps64 = 3,
    Sps128 = 4,
    Sps250 = 5,
    Sps475 = 6,
    Sps860 = 7,
}

/// <summary>The ADS1115's register map and config word (TI SBAS444).</summary>
public static class Ads1115Registers
{
    public const byte Conversion = 0x00;
    public const byte Config = 0x01;
    public const byte LowThreshold = 0x02;
    public const byte HighThreshold = 0x03;

    public const ushort ConfigAfterReset = 0x8583;

    /// <summary>Threshold registers after reset (TI datasheet's register map; not in sensors.md). The driver never
    /// writes them, so they tell an ADS1115 from another chip at the same address.</summary>
    public const ushort LowThresholdAfterReset = 0x8000, HighThresholdAfterReset = 0x7FFF;

    /// <summary>OS: written 1 starts a single conversion; reads 0 while converting.</summary>
    public const ushort OperationalStatus = 0x8000;

    private const ushort SingleShotMode = 0x0100;
    private const ushort ComparatorOff = 0b11;

    /// <summary>A single-shot conversion's config word: OS set, comparator off (AIN0 ±4.096 V 128 SPS → 0xC383).</summary>
    public static ushort SingleShot(Ads1115Input input, Ads1115Range range, Ads1115Rate rate) =>
        (ushort)(OperationalStatus | (int)input << 12 | (int)range << 9 | SingleShotMode | (int)rate << 5 | ComparatorOff);

    public static Ads1115Input InputOf(ushort config) => (Ads1115Input)(config >> 12 & 0b111);

    public static Ads1115Range RangeOf(ushort config) => (Ads1115Range)Math.Min(config >> 9 & 0b111, (int)Ads1115Range.Fs0_256);

    public static Ads1115Rate RateOf(ushort config) => (Ads1115Rate)(config >> 5 & 0b111);

    public static bool IsSingleShot(ushort config) => (config & SingleShotMode) != 0;

    public static double FullScale(Ads1115Range range) => range switch
    {
        Ads1115Range.Fs6_144 => 6.144,
        Ads1115Range.Fs4_096 => 4.096,
        Ads1115Range.Fs2_048 => 2.048,
        Ads1115Range.Fs1_024 => 1.024,
        Ads1115Range.Fs0_512 => 0.512,
        _ => 0.256,
    };

    public static int SamplesPerSecond(Ads1115Rate rate) => rate switch
    {
        Ads1115Rate.Sps8 => 8,
        Ads1115Rate.Sps16 => 16,
        Ads1115Rate.Sps32 => 32,
        Ads1115Rate.Sps64 => 64,
        Ads1115Rate.Sps128 => 128,
        Ads1115Rate.Sps250 => 250,
        Ads1115Rate.Sps475 => 475,
        _ => 860,
    };

    public static TimeSpan ConversionTime(Ads1115Rate rate) => TimeSpan.FromSeconds(1.0 / SamplesPerSecond(rate));

    /// <summary>V = code·FSR/32768 (two's complement: 0x7FFF is +FS − 1 LSB, 0x8000 is −FS).</summary>
    public static double Volts(short code, Ads1115Range range) => code * FullScale(range) / 32768;

    /// <summary>The code the ADC produces for <paramref name="volts"/>, clipped at full scale.</summary>
    public static short Code(double volts, Ads1115Range range) =>
        (short)Math.Clamp(Math.Round(volts / FullScale(range) * 32768), short.MinValue, short.MaxValue);

    /// <summary>The single-ended input of channel 0..3.</summary>
    public static Ads1115Input SingleEnded(int channel) => Ads1115Input.Ain0 + channel;
}
