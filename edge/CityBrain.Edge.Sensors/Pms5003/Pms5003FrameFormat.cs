using CityBrain.Edge.Sensors.Transport;
using static CityBrain.Edge.Sensors.Pms5003.Pms5003Commands;

namespace CityBrain.Edge.Sensors.Pms5003;

/// <summary>The PMS5003's frames, both start with <c>42 4D</c> and end with the 16-bit sum of the bytes before:
/// <see cref="FromChip"/> (data frames and answers, their length in bytes 2–3) and <see cref="FromHost"/> (7-byte
/// commands, for the emulator). Any other length is a false start, so a <c>42 4D</c> in the middle of a frame is
/// skipped rather than waited on.</summary>
public sealed class Pms5003FrameFormat : IFrameFormat
{
    private const int Header = 4;

    private readonly Func<byte, byte, int?> _length;

    private Pms5003FrameFormat(Func<byte, byte, int?> length) => _length = length;

    /// <summary>A data frame (length field 28) or an answer to a command (length field 4).</summary>
    public static Pms5003FrameFormat FromChip { get; } = new((high, low) => (high << 8 | low) switch
    {
        DataLength - Header => DataLength,
        AnswerLength - Header => AnswerLength,
        _ => null,
    });

    public static Pms5003FrameFormat FromHost { get; } = new((_, _) => CommandLength);

    public FrameCheck Check(ReadOnlySpan<byte> candidate, out int length)
    {
        length = 0;
        if (candidate[0] != Start1 || (candidate.Length > 1 && candidate[1] != Start2)) return FrameCheck.NotAFrame;
        if (candidate.Length < Header) return FrameCheck.NeedMore;
        if (_length(candidate[2], candidate[3]) is not { } frameLength) return FrameCheck.NotAFrame;
        if (candidate.Length < frameLength) return FrameCheck.NeedMore;
        length = frameLength;
        return HasValidChecksum(candidate[..frameLength]) ? FrameCheck.Valid : FrameCheck.Corrupt;
    }
}
