using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Sensirion;

/// <summary>SHDLC frames for the resynchronising reader: <see cref="Miso"/> reads the chip's answers in the driver,
/// <see cref="Mosi"/> the host's commands in the emulator.</summary>
/// <remarks>A candidate runs from a flag to the next flag. Two flags in a row are the end of one frame and the start of
/// the next (a reader that came in mid-frame), and a span whose length byte disagrees with its size is not a frame
/// (a stray 0x7E in noise): both are skipped byte by byte. A span of the right size whose checksum or escape sequence is
/// wrong is a damaged frame, never a value.</remarks>
public sealed class ShdlcFrameFormat : IFrameFormat
{
    private readonly int _header;

    private ShdlcFrameFormat(int header) => _header = header;

    /// <summary>The host's frames: <c>ADR CMD L</c> before the data.</summary>
    public static ShdlcFrameFormat Mosi { get; } = new(3);

    /// <summary>The chip's frames: <c>ADR CMD STATE L</c> before the data.</summary>
    public static ShdlcFrameFormat Miso { get; } = new(4);

    public FrameCheck Check(ReadOnlySpan<byte> candidate, out int length)
    {
        length = 0;
        if (candidate[0] != Shdlc.Flag) return FrameCheck.NotAFrame;
        if (candidate.Length < 2) return FrameCheck.NeedMore;
        if (candidate[1] == Shdlc.Flag) return FrameCheck.NotAFrame;
        var end = candidate[1..].IndexOf(Shdlc.Flag);
        if (end < 0) return candidate.Length < Shdlc.MaxFrameLength ? FrameCheck.NeedMore : FrameCheck.NotAFrame;
        length = end + 2;
        if (Unstuff(candidate[1..(length - 1)]) is not { } body) return FrameCheck.Corrupt;
        if (body.Length < _header + 1 || body[_header - 1] != body.Length - _header - 1) return FrameCheck.NotAFrame;
        return body[^1] == Shdlc.Checksum(body.AsSpan(0, body.Length - 1)) ? FrameCheck.Valid : FrameCheck.Corrupt;
    }

    /// <summary>The frame of a <see cref="FrameCheck.Valid"/> candidate, its stuffing undone.</summary>
    public ShdlcFrame Parse(ReadOnlySpan<byte> frame)
    {
        var body = Unstuff(frame[1..^1]) ?? throw new ArgumentException("not a valid SHDLC frame", nameof(frame));
        return new ShdlcFrame(body[0], body[1], _header == 4 ? body[2] : null, body[_header..^1]);
    }

    /// <summary>The bytes between the flags with each escape undone; null when an escape is followed by a byte that
    /// no stuffing produces.</summary>
    private static byte[]? Unstuff(ReadOnlySpan<byte> stuffed)
    {
        var bytes = new List<byte>(stuffed.Length);
        for (var i = 0; i < stuffed.Length; i++)
        {
            if (stuffed[i] != Shdlc.Escape)
            {
                bytes.Add(stuffed[i]);
                continue;
            }
            if (++i == stuffed.Length || !Shdlc.IsStuffed((byte)(stuffed[i] ^ 0x20))) return null;
            bytes.Add((byte)(stuffed[i] ^ 0x20));
        }
        return [.. bytes];
    }
}
