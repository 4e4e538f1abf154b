namespace CityBrain.Edge.Sensors.Transport;

/// <summary>Bytes received from a UART and not yet consumed, with frame synchronisation: garbage and mid-frame starts are
/// skipped byte by byte until a frame's start, a frame is taken only when its checksum holds, and a corrupt frame is
/// skipped one byte at a time so that a real frame starting inside it is still found.</summary>
public sealed class FrameBuffer(int capacity = 4096)
{
    private readonly byte[] _bytes = new byte[capacity];
    private int _count;

    public int Count => _count;

    /// <summary>Bytes skipped because they could not start a frame, since the last <see cref="ResetCounters"/>.</summary>
    public int Discarded { get; private set; }

    /// <summary>Frames with the right structure but a wrong checksum, since the last <see cref="ResetCounters"/>.</summary>
    public int Corrupt { get; private set; }

    /// <summary>The last corrupt frame, hex, for the error message.</summary>
    public string? LastCorrupt { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        if (data.Length >= _bytes.Length)
        {
            // A flood longer than the buffer: only its tail can still hold a frame worth reading.
            Discarded += _count + data.Length - _bytes.Length;
            data[^_bytes.Length..].CopyTo(_bytes);
            _count = _bytes.Length;
            return;
        }
        var overflow = _count + data.Length - _bytes.Length;
        if (overflow > 0) Drop(overflow, discarded: true);
        data.CopyTo(_bytes.AsSpan(_count));
        _count += data.Length;
    }

    /// <summary>Takes the first valid frame, skipping what precedes it; false when none is complete yet.</summary>
    public bool TryTake(IFrameFormat format, out byte[] frame)
    {
        while (_count > 0)
        {
            switch (format.Check(_bytes.AsSpan(0, _count), out var length))
            {
                case FrameCheck.Valid:
                    frame = _bytes.AsSpan(0, length).ToArray();
                    Drop(length, discarded: false);
                    return true;
                case FrameCheck.Corrupt:
                    Corrupt++;
                    LastCorrupt = Convert.ToHexString(_bytes, 0, length);
                    Drop(1, discarded: false);
                    break;
                case FrameCheck.NotAFrame:
                    Drop(1, discarded: true);
                    break;
                default:
                    frame = [];
                    return false;
            }
        }
        frame = [];
        return false;
    }

    public void Clear()
    {
        Discarded += _count;
        _count = 0;
    }

    public void ResetCounters()
    {
        Discarded = 0;
        Corrupt = 0;
        LastCorrupt = null;
    }

    private void Drop(int count, bool discarded)
    {
        if (discarded) Discarded += count;
        _bytes.AsSpan(count, _count - count).CopyTo(_bytes);
        _count -= count;
    }
}
