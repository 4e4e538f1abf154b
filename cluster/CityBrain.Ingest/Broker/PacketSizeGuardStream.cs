namespace CityBrain.Ingest.Broker;

/// <summary>Follows the MQTT fixed headers in what a client sends and fails the read as soon as a remaining length
/// beyond the limit is announced, before MQTTnet sees it: MQTTnet allocates a packet's whole body from that length, so
/// a check after parsing would come after the memory is spent.</summary>
public sealed class PacketSizeGuardStream(Stream inner, int maxPacketBytes, Action onOversized) : Stream
{
    private enum State { TypeByte, Length, Body }

    private State _state = State.TypeByte;
    private long _length;
    private int _shift;
    private long _remaining;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var read = await inner.ReadAsync(buffer, cancellationToken);
        Inspect(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Inspect(buffer.AsSpan(offset, read));
        return read;
    }

    private void Inspect(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        while (i < bytes.Length)
        {
            switch (_state)
            {
                case State.TypeByte:
                    _state = State.Length;
                    _length = 0;
                    _shift = 0;
                    i++;
                    break;
                case State.Length:
                    var b = bytes[i++];
                    _length |= (long)(b & 0x7F) << _shift;
                    _shift += 7;
                    if (_length > maxPacketBytes || (_shift >= 28 && (b & 0x80) != 0)) Refuse();
                    if ((b & 0x80) == 0)
                    {
                        _remaining = _length;
                        _state = _remaining == 0 ? State.TypeByte : State.Body;
                    }
                    break;
                default:
                    var skip = (int)Math.Min(_remaining, bytes.Length - i);
                    i += skip;
                    _remaining -= skip;
                    if (_remaining == 0) _state = State.TypeByte;
                    break;
            }
        }
    }

    private void Refuse()
    {
        onOversized();
        throw new IOException($"MQTT packet larger than {maxPacketBytes} bytes announced; connection closed before buffering it");
    }

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
