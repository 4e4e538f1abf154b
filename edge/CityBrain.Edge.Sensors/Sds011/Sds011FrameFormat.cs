using CityBrain.Edge.Sensors.Transport;

namespace CityBrain.Edge.Sensors.Sds011;

/// <summary>The SDS011's frames (Laser Dust Sensor Control Protocol V1.3): head <c>AA</c>, a command id, data bytes,
/// a checksum and tail <c>AB</c>. The sensor's 10-byte frames (C0 data, C5 replies) and the host's 19-byte commands (B4)
/// differ only in length and id; in both the checksum is the low byte of the sum of the data bytes.</summary>
public sealed class Sds011FrameFormat : IFrameFormat
{
    public const byte Head = 0xAA, Tail = 0xAB;

    private readonly byte[] _ids;

    private Sds011FrameFormat(int length, params byte[] ids)
    {
        Length = length;
        _ids = ids;
    }

    /// <summary>What the sensor sends: data (C0) and replies to commands (C5), 6 data bytes.</summary>
    public static Sds011FrameFormat SensorFrames { get; } = new(10, Sds011Commands.Data, Sds011Commands.Reply);

    /// <summary>What the host sends (B4), 15 data bytes D1..D15.</summary>
    public static Sds011FrameFormat HostCommands { get; } = new(19, Sds011Commands.Command);

    public int Length { get; }

    public int DataLength => Length - 4;

    public FrameCheck Check(ReadOnlySpan<byte> candidate, out int length)
    {
        length = Length;
        if (candidate[0] != Head || (candidate.Length > 1 && Array.IndexOf(_ids, candidate[1]) < 0)) return FrameCheck.NotAFrame;
        if (candidate.Length < Length) return FrameCheck.NeedMore;
        // A wrong tail means the head was a data byte that happened to be AA, not a damaged frame.
        if (candidate[Length - 1] != Tail) return FrameCheck.NotAFrame;
        return candidate[Length - 2] == Checksum(candidate[2..(Length - 2)]) ? FrameCheck.Valid : FrameCheck.Corrupt;
    }

    /// <summary>A frame of this format with command id <paramref name="id"/>, its data, checksum and tail.</summary>
    public byte[] Build(byte id, ReadOnlySpan<byte> data)
    {
        if (data.Length != DataLength) throw new ArgumentException($"a {Length}-byte SDS011 frame carries {DataLength} data bytes, not {data.Length}", nameof(data));
        var frame = new byte[Length];
        frame[0] = Head;
        frame[1] = id;
        data.CopyTo(frame.AsSpan(2));
        frame[^2] = Checksum(data);
        frame[^1] = Tail;
        return frame;
    }

    /// <summary>The low 8 bits of the sum: the sum itself wraps (<c>0x21D</c> → <c>0x1D</c>).</summary>
    public static byte Checksum(ReadOnlySpan<byte> data) => (byte)ByteSum.Of(data);
}
