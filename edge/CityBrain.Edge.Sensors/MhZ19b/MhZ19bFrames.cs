using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.MhZ19b;

/// <summary>The MH-Z19B's 9-byte frames, host commands <c>FF 01 CMD b3..b7 CHK</c> and answers
/// <c>FF CMD b2..b7 CHK</c> alike: one format reads the chip's answers in the driver and the host's commands in the
/// emulator.</summary>
/// <remarks>A lone <c>FF</c> start byte is common in line noise, so a candidate must also carry a byte 1 the protocol
/// uses (0x01, the sensor number of every command, or 0x86, the only answer the user manual documents): noise is then
/// skipped as garbage instead of counting as a corrupt frame that could fail a read while the real answer is still
/// arriving.</remarks>
public sealed class MhZ19bFrames : IFrameFormat
{
    public const int Length = 9;

    public const byte Start = 0xFF;

    private MhZ19bFrames()
    {
    }

    public static MhZ19bFrames Format { get; } = new();

    /// <summary>CHK = (0xFF − (byte1 + … + byte7)) + 1, truncated to 8 bits: the two's complement of the sum, so a sum
    /// ≡ 0 mod 256 gives 0x00 (PyPMS's unmasked 0x100 − sum % 256 gives 256 there and rejects a good frame).</summary>
    /// <param name="frame">A whole frame, or at least its first 8 bytes.</param>
    public static byte Checksum(ReadOnlySpan<byte> frame) => (byte)-ByteSum.Of(frame[1..(Length - 1)]);

    /// <summary>The frame <c>FF body CHK</c> for the 7 bytes between the start byte and the checksum.</summary>
    public static byte[] Build(ReadOnlySpan<byte> body)
    {
        if (body.Length != Length - 2) throw new ArgumentException($"a frame body is {Length - 2} bytes, not {body.Length}", nameof(body));
        var frame = new byte[Length];
        frame[0] = Start;
        body.CopyTo(frame.AsSpan(1));
        frame[^1] = Checksum(frame);
        return frame;
    }

    public FrameCheck Check(ReadOnlySpan<byte> candidate, out int length)
    {
        length = Length;
        if (candidate[0] != Start) return FrameCheck.NotAFrame;
        if (candidate.Length < 2) return FrameCheck.NeedMore;
        if (candidate[1] is not (MhZ19bCommands.SensorNumber or MhZ19bCommands.ReadCo2)) return FrameCheck.NotAFrame;
        if (candidate.Length < Length) return FrameCheck.NeedMore;
        return candidate[Length - 1] == Checksum(candidate) ? FrameCheck.Valid : FrameCheck.Corrupt;
    }
}
