using CityBrain.Edge.Sensors.Abstractions;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Transport;

/// <summary>A serial sensor's byte stream with frame synchronisation and a deadline on every wait.</summary>
/// <remarks>A read that times out is not abandoned but kept and awaited again by the next call: a stream that ignores
/// cancellation (as a serial port may) can then neither hang the driver nor lose the bytes it later delivers, and no
/// two reads ever run on the stream at once.</remarks>
public sealed class UartChannel(Stream stream, TimeProvider time, string sensor, ILogger logger) : IDisposable
{
    /// <summary>Longer than any gap inside a burst of bytes at 9600 baud (about 1 ms a byte), shorter than the pause
    /// between a chip's reports: when nothing arrives for this long, everything sent so far has been received.</summary>
    private static readonly TimeSpan QuietGap = TimeSpan.FromMilliseconds(25);

    /// <summary>A port that never falls quiet (a chattering device, a wrong baud rate) is drained no longer than this.</summary>
    private static readonly TimeSpan DrainLimit = TimeSpan.FromSeconds(1);

    private readonly byte[] _chunk = new byte[256];
    private readonly FrameBuffer _received = new();
    private Task<int>? _pending;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> command, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await stream.WriteAsync(command, cancellationToken).AsTask().WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new SensorTimeoutException(sensor, $"could not send {Convert.ToHexString(command.Span)} within {timeout.TotalMilliseconds:F0} ms");
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            throw Gone(ex);
        }
    }

    /// <summary>Drops everything received so far (late answers, reports of active mode, garbage), so that the next
    /// frame answers the next command.</summary>
    public async ValueTask DiscardAsync(CancellationToken cancellationToken)
    {
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        _received.Clear();
        _received.ResetCounters();
    }

    /// <summary>The first valid frame <paramref name="wanted"/> accepts, skipping garbage and other valid frames.</summary>
    /// <exception cref="SensorChecksumException">Corrupt frames arrived and no good one after them.</exception>
    /// <exception cref="SensorTimeoutException">Nothing usable within <paramref name="timeout"/>.</exception>
    public ValueTask<byte[]> ReceiveAsync(IFrameFormat format, Func<byte[], bool> wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _received.ResetCounters();
        return ReceiveNextAsync(format, wanted, timeout, cancellationToken);
    }

    /// <summary>Asks and waits for the answer: drops what the port holds first (a late answer to an earlier command
    /// that timed out, reports of active mode, noise), so the frame returned answers this <paramref name="command"/>.</summary>
    public async ValueTask<byte[]> QueryAsync(ReadOnlyMemory<byte> command, IFrameFormat format, Func<byte[], bool> isAnswer, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await DiscardAsync(cancellationToken).ConfigureAwait(false);
        await SendAsync(command, timeout, cancellationToken).ConfigureAwait(false);
        return await ReceiveAsync(format, isAnswer, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The newest valid frame <paramref name="wanted"/> accepts among those already sent by a chip that reports
    /// on its own (reports queue up in the port between reads, and the oldest is stale); waits for the next when none.</summary>
    public async ValueTask<byte[]> ReceiveLatestAsync(IFrameFormat format, Func<byte[], bool> wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _received.ResetCounters();
        await DrainAsync(cancellationToken).ConfigureAwait(false);
        byte[]? newest = null;
        while (_received.TryTake(format, out var frame))
        {
            if (wanted(frame)) newest = frame;
        }
        if (newest is not null)
        {
            LogSkipped();
            return newest;
        }
        return await ReceiveNextAsync(format, wanted, timeout, cancellationToken).ConfigureAwait(false);
    }

    public void Dispose() => stream.Dispose();

    private async ValueTask<byte[]> ReceiveNextAsync(IFrameFormat format, Func<byte[], bool> wanted, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + timeout;
        while (true)
        {
            while (_received.TryTake(format, out var frame))
            {
                if (!wanted(frame)) continue;
                LogSkipped();
                return frame;
            }
            if (_received.Corrupt > 0)
            {
                throw new SensorChecksumException(sensor,
                    $"{_received.Corrupt} frame(s) with a wrong checksum and no good one (last {_received.LastCorrupt})");
            }
            var left = deadline - time.GetUtcNow();
            if (left <= TimeSpan.Zero || !await ReceiveMoreAsync(left, cancellationToken).ConfigureAwait(false))
            {
                throw new SensorTimeoutException(sensor, _received.Discarded > 0
                    ? $"no valid frame within {timeout.TotalSeconds:G3} s, only {_received.Discarded} byte(s) of garbage: check the baud rate and the TX/RX wiring"
                    : $"no answer within {timeout.TotalSeconds:G3} s: check the wiring (sensor TX to the Pi's RX), the power and the port");
            }
        }
    }

    /// <summary>Receives until the port falls quiet.</summary>
    private async ValueTask DrainAsync(CancellationToken cancellationToken)
    {
        var until = time.GetUtcNow() + DrainLimit;
        while (time.GetUtcNow() < until && await ReceiveMoreAsync(QuietGap, cancellationToken).ConfigureAwait(false))
        {
        }
    }

    /// <summary>Waits up to <paramref name="wait"/> for more bytes; false when none came.</summary>
    private async ValueTask<bool> ReceiveMoreAsync(TimeSpan wait, CancellationToken cancellationToken)
    {
        _pending ??= stream.ReadAsync(_chunk, CancellationToken.None).AsTask();
        int count;
        try
        {
            count = await _pending.WaitAsync(wait, time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return false;
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            _pending = null;
            throw Gone(ex);
        }
        _pending = null;
        if (count == 0) throw Gone(null);
        _received.Append(_chunk.AsSpan(0, count));
        return true;
    }

    private void LogSkipped()
    {
        if (_received.Discarded > 0 || _received.Corrupt > 0)
        {
            logger.LogDebug("Sensor {Sensor} resynchronised: skipped {Garbage} garbage byte(s) and {Corrupt} corrupt frame(s)",
                sensor, _received.Discarded, _received.Corrupt);
        }
    }

    private SensorAbsentException Gone(Exception? cause) =>
        new(sensor, "the serial port closed or failed: a USB adapter unplugged, or the port taken by another process", cause);
}
