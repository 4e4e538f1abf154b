using System.Collections.Concurrent;

namespace CityBrain.Edge.Sensors.Tests;

/// <summary>A serial port whose chip answers each write it <paramref name="answers"/> to with the next scripted answer
/// (a datasheet's or a real chip's bytes), byte for byte, and keeps every write.</summary>
/// <param name="answers">Which writes the chip answers, e.g. only the read command, or every frame but a wake pulse.</param>
internal sealed class ScriptedPort(TimeProvider time, Func<byte[], bool> answers, params byte[][] answerBytes) : Stream
{
    private readonly ConcurrentQueue<byte[]> _answers = new(answerBytes);
    private readonly ConcurrentQueue<byte> _wire = new();
    private readonly ConcurrentQueue<byte[]> _writes = new();

    public IReadOnlyList<byte[]> Writes => [.. _writes];

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_wire.IsEmpty) await Task.Delay(TimeSpan.FromMilliseconds(1), time, cancellationToken);
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = 0;
        while (count < buffer.Length && _wire.TryDequeue(out var b)) buffer[count++] = b;
        return count;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        var written = buffer.ToArray();
        _writes.Enqueue(written);
        if (answers(written) && _answers.TryDequeue(out var answer))
        {
            foreach (var b in answer) _wire.Enqueue(b);
        }
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
