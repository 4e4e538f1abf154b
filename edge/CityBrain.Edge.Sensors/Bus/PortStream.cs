using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Sensors.Bus;

/// <summary>A serial port's stream that releases the port when disposed (the port object itself, or an emulator's
/// "port open" claim), so a driver only ever holds a <see cref="Stream"/>. Closing also ends the reads still waiting on
/// it: a driver leaves one pending after a timeout, and on a port that lives on (an emulator, a device reopened by the
/// next driver) it would take the next owner's bytes.</summary>
/// <remarks>Closing is bounded by <see cref="CloseTimeout"/>: System.IO.Ports flushes the port when it closes it, and on
/// a port whose device has gone away (a USB adapter unplugged) that flush waits forever, which would hold a gateway's
/// shutdown until systemd kills it. A close that takes longer is abandoned, with a line in the log.</remarks>
/// <param name="port">The port's name, for that line.</param>
public sealed partial class PortStream(Stream inner, Action close, string port, ILogger? logger = null) : Stream
{
    public static readonly TimeSpan CloseTimeout = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _closing = new();
    private int _closed;

    public override bool CanRead => inner.CanRead;

    public override bool CanWrite => inner.CanWrite;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closing.Token);
        return await inner.ReadAsync(buffer, read.Token).ConfigureAwait(false);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _closed, 1) == 0)
        {
            _closing.Cancel();
            var closed = Task.Run(close);
            if (Task.WaitAny([closed], CloseTimeout) == 0) closed.GetAwaiter().GetResult();
            else LogAbandoned(logger ?? NullLogger.Instance, port, CloseTimeout);
            _closing.Dispose();
        }
        base.Dispose(disposing);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Serial port {Port} did not close within {Timeout} (its device has probably gone away); abandoned it")]
    private static partial void LogAbandoned(ILogger logger, string port, TimeSpan timeout);
}
