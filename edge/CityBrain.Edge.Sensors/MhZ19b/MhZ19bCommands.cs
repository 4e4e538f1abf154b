namespace CityBrain.Edge.Sensors.MhZ19b;

/// <summary>The MH-Z19B's command set (Winsen user manual p. 7, with the field-verified layout of 0x99) and the
/// conversion of its answer.</summary>
public static class MhZ19bCommands
{
    /// <summary>Byte 1 of every host command.</summary>
    public const byte SensorNumber = 0x01;

    /// <summary>Read CO₂; answered by <c>FF 86 HIGH LOW b4 b5 b6 b7 CHK</c>.</summary>
    public const byte ReadCo2 = 0x86;

    /// <summary>Zero-point calibration: the current air becomes 400 ppm. No answer.</summary>
    public const byte ZeroPoint = 0x87;

    /// <summary>Span calibration: the current air becomes the concentration in bytes 3–4. No answer.</summary>
    public const byte Span = 0x88;

    /// <summary>Span gases the manual allows: at least 1000 ppm (2000 recommended), and no more than the detection
    /// range the chip is set to.</summary>
    public const int MinSpan = 1000;

    /// <summary>Automatic baseline correction on (byte 3 = 0xA0) or off (0x00). No answer.</summary>
    public const byte AutomaticBaselineCorrection = 0x79;

    public const byte AbcOn = 0xA0, AbcOff = 0x00;

    /// <summary>Detection range in bytes 6–7: the manual says bytes 3–4, but the chips read 6–7 (tobiasschuerg/
    /// MH-Z-CO2-Sensors issue 15, revspace). No answer.</summary>
    public const byte DetectionRange = 0x99;

    /// <summary>The detection ranges the MH-Z19B is sold with, ppm.</summary>
    public static readonly IReadOnlyList<int> DetectionRanges = [2000, 5000, 10_000];

    /// <summary>The NDIR lamp's pre-heat after power-up (user manual; PyPMS waits 180 s too).</summary>
    public static readonly TimeSpan PreHeat = TimeSpan.FromMinutes(3);

    /// <summary>9 bytes each way at 9600 baud take about 20 ms; dotnet/iot gives up after 250 ms. Twice that, so a
    /// loaded Pi does not turn a late answer into an error.</summary>
    public static readonly TimeSpan AnswerTimeout = TimeSpan.FromMilliseconds(500);

    /// <summary><c>FF 01 86 00 00 00 00 00 79</c>.</summary>
    public static byte[] Read() => Command(ReadCo2);

    /// <summary><c>FF 01 87 00 00 00 00 00 78</c>.</summary>
    public static byte[] CalibrateZeroPoint() => Command(ZeroPoint);

    /// <summary>2000 ppm: <c>FF 01 88 07 D0 00 00 00 A0</c>.</summary>
    public static byte[] CalibrateSpan(int ppm) => Command(Span, (byte)(ppm >> 8), (byte)ppm);

    /// <summary>On: <c>FF 01 79 A0 00 00 00 00 E6</c>; off: <c>FF 01 79 00 00 00 00 00 86</c>.</summary>
    public static byte[] SetAutomaticBaselineCorrection(bool on) => Command(AutomaticBaselineCorrection, on ? AbcOn : AbcOff);

    /// <summary>2000 ppm: <c>FF 01 99 00 00 00 07 D0 8F</c>.</summary>
    public static byte[] SetDetectionRange(int ppm) => Command(DetectionRange, 0, 0, 0, (byte)(ppm >> 8), (byte)ppm);

    /// <summary>CO₂ = HIGH·256 + LOW ppm, from a read answer.</summary>
    public static int Co2(ReadOnlySpan<byte> answer) => answer[2] << 8 | answer[3];

    /// <summary><c>FF 01 command data CHK</c>, the data (up to 5 bytes) padded with zeros.</summary>
    private static byte[] Command(byte command, params ReadOnlySpan<byte> data)
    {
        Span<byte> body = stackalloc byte[MhZ19bFrames.Length - 2];
        body[0] = SensorNumber;
        body[1] = command;
        data.CopyTo(body[2..]);
        return MhZ19bFrames.Build(body);
    }
}
