namespace CityBrain.Edge.Sensors.Sht3x;

/// <summary>How often the SHT3x repeats a measurement internally: more repeats, less noise, longer measurement.</summary>
public enum Sht3xRepeatability
{
    High,
    Medium,
    Low,
}

/// <summary>Single shot: the driver starts each measurement. Periodic: the chip measures on its own at
/// <see cref="Sht3xRate"/> and the driver fetches the latest.</summary>
public enum Sht3xMode
{
    SingleShot,
    Periodic,
}

/// <summary>Measurements per second in periodic mode.</summary>
public enum Sht3xRate
{
    Mps0_5,
    Mps1,
    Mps2,
    Mps4,
    Mps10,
}

/// <summary>The SHT3x-DIS command set (16-bit commands). Single shots use the no-clock-stretching commands: clock
/// stretching is unreliable on the Raspberry Pi's I2C controller.</summary>
public static class Sht3xCommands
{
    public const ushort Fetch = 0xE000;
    public const ushort Break = 0x3093;
    public const ushort SoftReset = 0x30A2;
    public const ushort ReadStatus = 0xF32D;
    public const ushort ClearStatus = 0x3041;
    public const ushort HeaterOn = 0x306D;
    public const ushort HeaterOff = 0x3066;

    /// <summary>Read the 32-bit serial number without clock stretching. Not in sensors.md: from Sensirion's SHT3x
    /// driver (embedded-sht) and the SHT3x-DIS datasheet's later revisions.</summary>
    public const ushort ReadSerial = 0x3780;

    /// <summary>Status after power-up or reset: alert pending (bit 15) and system reset detected (bit 4).</summary>
    public const ushort StatusAfterReset = 0x8010;

    public static readonly TimeSpan SoftResetTime = TimeSpan.FromMilliseconds(1.5);

    /// <summary>The datasheet's minimum pause between commands.</summary>
    public static readonly TimeSpan CommandPause = TimeSpan.FromMilliseconds(1);

    public static ushort SingleShot(Sht3xRepeatability repeatability) => repeatability switch
    {
        Sht3xRepeatability.High => 0x2400,
        Sht3xRepeatability.Medium => 0x240B,
        _ => 0x2416,
    };

    public static ushort Periodic(Sht3xRate rate, Sht3xRepeatability repeatability) => (rate, repeatability) switch
    {
        (Sht3xRate.Mps0_5, Sht3xRepeatability.High) => 0x2032,
        (Sht3xRate.Mps0_5, Sht3xRepeatability.Medium) => 0x2024,
        (Sht3xRate.Mps0_5, _) => 0x202F,
        (Sht3xRate.Mps1, Sht3xRepeatability.High) => 0x2130,
        (Sht3xRate.Mps1, Sht3xRepeatability.Medium) => 0x2126,
        (Sht3xRate.Mps1, _) => 0x212D,
        (Sht3xRate.Mps2, Sht3xRepeatability.High) => 0x2236,
        (Sht3xRate.Mps2, Sht3xRepeatability.Medium) => 0x2220,
        (Sht3xRate.Mps2, _) => 0x222B,
        (Sht3xRate.Mps4, Sht3xRepeatability.High) => 0x2334,
        (Sht3xRate.Mps4, Sht3xRepeatability.Medium) => 0x2322,
        (Sht3xRate.Mps4, _) => 0x2329,
        (Sht3xRate.Mps10, Sht3xRepeatability.High) => 0x2737,
        (Sht3xRate.Mps10, Sht3xRepeatability.Medium) => 0x2721,
        _ => 0x272A,
    };

    /// <summary>The single-shot command's repeatability, or null.</summary>
    public static Sht3xRepeatability? SingleShotOf(ushort command) =>
        Enum.GetValues<Sht3xRepeatability>().Cast<Sht3xRepeatability?>().FirstOrDefault(r => SingleShot(r!.Value) == command);

    /// <summary>The periodic command's rate and repeatability, or null.</summary>
    public static (Sht3xRate Rate, Sht3xRepeatability Repeatability)? PeriodicOf(ushort command) =>
        (from rate in Enum.GetValues<Sht3xRate>()
         from repeatability in Enum.GetValues<Sht3xRepeatability>()
         where Periodic(rate, repeatability) == command
         select ((Sht3xRate, Sht3xRepeatability)?)(rate, repeatability)).FirstOrDefault();

    /// <summary>Maximum measurement duration: 15 / 6 / 4 ms [sensors.md: not re-checked].</summary>
    public static TimeSpan MaxDuration(Sht3xRepeatability repeatability) => TimeSpan.FromMilliseconds(repeatability switch
    {
        Sht3xRepeatability.High => 15,
        Sht3xRepeatability.Medium => 6,
        _ => 4,
    });

    /// <summary>Typical measurement duration: 12.5 / 4.5 / 2.5 ms.</summary>
    public static TimeSpan TypicalDuration(Sht3xRepeatability repeatability) => TimeSpan.FromMilliseconds(repeatability switch
    {
        Sht3xRepeatability.High => 12.5,
        Sht3xRepeatability.Medium => 4.5,
        _ => 2.5,
    });

    public static TimeSpan Period(Sht3xRate rate) => TimeSpan.FromMilliseconds(rate switch
    {
        Sht3xRate.Mps0_5 => 2000,
        Sht3xRate.Mps1 => 1000,
        Sht3xRate.Mps2 => 500,
        Sht3xRate.Mps4 => 250,
        _ => 100,
    });
}
