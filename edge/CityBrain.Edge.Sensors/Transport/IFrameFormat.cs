namespace CityBrain.Edge.Sensors.Transport;

/// <summary>What one UART protocol's frames look like, so that one resynchronising reader serves every serial chip
/// (and the emulators parse host commands with the same code).</summary>
public interface IFrameFormat
{
    /// <summary>Judges the bytes that start at a candidate position.</summary>
    /// <param name="candidate">Every byte received from the candidate position on (may be fewer than a frame).</param>
    /// <param name="length">The frame's length when the result is <see cref="FrameCheck.Valid"/> or <see cref="FrameCheck.Corrupt"/>.</param>
    FrameCheck Check(ReadOnlySpan<byte> candidate, out int length);
}

public enum FrameCheck
{
    /// <summary>Could be the start of a frame; more bytes are needed to tell.</summary>
    NeedMore,

    /// <summary>Not the start of a frame (garbage, or a mid-frame start): skip one byte.</summary>
    NotAFrame,

    /// <summary>Has the frame's structure but a wrong checksum: never use it; skip one byte, in case a real frame
    /// starts inside it.</summary>
    Corrupt,

    Valid,
}
