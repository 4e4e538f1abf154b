namespace CityBrain.Edge.Sensors.Bh1750;

/// <summary>Measurement resolution: 1 lx (high), 0.5 lx (high, mode 2), 4 lx (low, fast).</summary>
public enum Bh1750Resolution
{
    High,
    High2,
    Low,
}

/// <summary>The BH1750FVI's opcodes (ROHM technical note), one per write with its own STOP, and its timing.</summary>
public static class Bh1750Commands
{
    public const byte PowerDown = 0x00;
    public const byte PowerOn = 0x01;

    /// <summary>Clears the data register; only while powered on.</summary>
    public const byte Reset = 0x07;

    public const int DefaultMeasurementTime = 69;
    public const int MinMeasurementTime = 31, MaxMeasurementTime = 254;

    public static byte Continuous(Bh1750Resolution resolution) => (byte)(0x10 | Code(resolution));

    /// <summary>One measurement, then the chip powers down by itself.</summary>
    public static byte OneTime(Bh1750Resolution resolution) => (byte)(0x20 | Code(resolution));

    /// <summary>The mode opcode's resolution and whether it is one-time, or null for any other opcode.</summary>
    public static (Bh1750Resolution Resolution, bool OneTime)? ModeOf(byte opcode) => (opcode & 0xF0, opcode & 0x0F) switch
    {
        (0x10 or 0x20, 0x0) => (Bh1750Resolution.High, opcode >= 0x20),
        (0x10 or 0x20, 0x1) => (Bh1750Resolution.High2, opcode >= 0x20),
        (0x10 or 0x20, 0x3) => (Bh1750Resolution.Low, opcode >= 0x20),
        _ => null,
    };

    /// <summary>MTreg is written in two opcodes: <c>01000_MT[7:5]</c>, then <c>011_MT[4:0]</c>.</summary>
    public static (byte High, byte Low) MeasurementTime(int mtreg) => ((byte)(0x40 | mtreg >> 5), (byte)(0x60 | mtreg & 0x1F));

    /// <summary>Maximum measurement time: 180 ms (high resolution) or 24 ms (low), scaled by MTreg/69.</summary>
    public static TimeSpan MaxWait(Bh1750Resolution resolution, int mtreg) =>
        TimeSpan.FromMilliseconds((resolution == Bh1750Resolution.Low ? 24 : 180) * mtreg / (double)DefaultMeasurementTime);

    /// <summary>Typical measurement time: 120 ms (high resolution) or 16 ms (low), scaled by MTreg/69.</summary>
    public static TimeSpan TypicalWait(Bh1750Resolution resolution, int mtreg) =>
        TimeSpan.FromMilliseconds((resolution == Bh1750Resolution.Low ? 16 : 120) * mtreg / (double)DefaultMeasurementTime);

    /// <summary>Counts per lux: 1.2 at MTreg 69, proportional to MTreg, doubled in mode 2 (0.5 lx steps).</summary>
    public static double CountsPerLux(Bh1750Resolution resolution, int mtreg) =>
        1.2 * mtreg / DefaultMeasurementTime * (resolution == Bh1750Resolution.High2 ? 2 : 1);

    private static int Code(Bh1750Resolution resolution) => resolution switch
    {
        Bh1750Resolution.High => 0x0,
        Bh1750Resolution.High2 => 0x1,
        _ => 0x3,
    };
}
