using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>One SHDLC frame with its stuffing undone: the host's MOSI frame <c>ADR CMD L DATA</c> has no state, the
/// chip's MISO frame <c>ADR CMD STATE L DATA</c> has one.</summary>
public sealed record ShdlcFrame(byte Address, byte Command, byte? State, byte[] Data);

/// <summary>Sensirion's serial framing, SHDLC (SPS30 datasheet, UART section): <c>0x7E</c>, the frame's bytes, a
/// checksum, <c>0x7E</c>. The checksum is the bitwise inverse of the low byte of the sum of every byte between the
/// flags before it. Inside the flags the bytes 0x7E, 0x7D, 0x11 and 0x13 (the flag, the escape, XON and XOFF) travel as
/// 0x7D followed by the byte XOR 0x20; the checksum is computed on the bytes before this stuffing.</summary>
public static class Shdlc
{
    public const byte Flag = 0x7E, Escape = 0x7D;

    /// <summary>A frame carries at most this many data bytes.</summary>
    public const int MaxData = 255;

    /// <summary>The longest frame on the wire: every byte between the flags stuffed.</summary>
    public const int MaxFrameLength = 2 + 2 * (5 + MaxData);

    public static byte Checksum(ReadOnlySpan<byte> bytes) => (byte)~ByteSum.Of(bytes);

    /// <summary>The host's frame for <paramref name="command"/>, stuffed and flagged.</summary>
    public static byte[] Mosi(byte command, ReadOnlySpan<byte> data, byte address = 0) => Seal([address, command, Length(data), .. data]);

    /// <summary>The chip's answer to <paramref name="command"/>, stuffed and flagged.</summary>
    public static byte[] Miso(byte command, byte state, ReadOnlySpan<byte> data, byte address = 0) => Seal([address, command, state, Length(data), .. data]);

    /// <summary>What the datasheet's error codes in the low 7 bits of a MISO state byte mean.</summary>
    public static string Describe(byte state) => (state & 0x7F) switch
    {
        0x00 => "no error",
        0x01 => "wrong data length for this command",
        0x02 => "unknown command",
        0x03 => "no access right for this command",
        0x04 => "illegal command parameter, or a parameter out of its allowed range",
        0x28 => "internal function argument out of range",
        0x43 => "command not allowed in the current state",
        var code => $"undocumented error 0x{code:X2}",
    };

    /// <summary>Frames the unstuffed bytes between the flags: appends their checksum, stuffs, adds the flags.</summary>
    private static byte[] Seal(ReadOnlySpan<byte> body)
    {
        var frame = new List<byte>(2 * body.Length + 4) { Flag };
        foreach (var b in body) Stuff(frame, b);
        Stuff(frame, Checksum(body));
        frame.Add(Flag);
        return [.. frame];
    }

    /// <summary>The bytes that travel escaped: the flag, the escape itself, XON and XOFF.</summary>
    public static bool IsStuffed(byte b) => b is Flag or Escape or 0x11 or 0x13;

    private static void Stuff(List<byte> frame, byte b)
    {
        if (IsStuffed(b))
        {
            frame.Add(Escape);
            frame.Add((byte)(b ^ 0x20));
        }
        else
        {
            frame.Add(b);
        }
    }

    private static byte Length(ReadOnlySpan<byte> data) =>
        data.Length <= MaxData ? (byte)data.Length : throw new ArgumentException($"an SHDLC frame carries at most {MaxData} data bytes, not {data.Length}", nameof(data));
}
