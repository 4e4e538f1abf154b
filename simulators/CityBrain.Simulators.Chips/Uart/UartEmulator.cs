using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Edge.Sensors.Transport;
using CityBrain.Simulators.Chips.Faults;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.Uart;

/// <summary>An emulated serial sensor seen from the host's end of the wire: a <see cref="Stream"/> that takes the host's
/// command frames and delivers the chip's answers and its own reports when their time has come. The base applies the
/// faults: an unplugged chip is silent and deaf (and restarts when plugged back in), garbage bytes precede frames,
/// checksums are broken, answers are late; a host at the wrong baud rate hears only noise.</summary>
public abstract class UartEmulator : Stream
{
    /// <summary>A kernel tty buffer's size: what a host that stops reading can find queued.</summary>
    private const int PortBufferSize = 4096;

    /// <summary>How often an idle read looks again when nothing is scheduled (e.g. while unplugged).</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(10);

    private readonly Lock _gate = new();
    private readonly IFrameFormat _commandFormat;
    private readonly FrameBuffer _commands = new(256);
    private readonly List<(DateTimeOffset Due, byte[] Bytes)> _scheduled = [];
    private readonly List<byte> _wire = [];
    private readonly Random _noise;
    private readonly List<byte[]> _received = [];
    private int _powerCycles = -1;
    private int _hostBaudRate;
    private DateTimeOffset? _nextReport;
    private bool _disposed;

    protected UartEmulator(IAmbient ambient, TimeProvider time, IFrameFormat commandFormat, int baudRate, int seed)
    {
        Ambient = ambient;
        Time = time;
        Faults = new ChipFaults(time);
        BaudRate = _hostBaudRate = baudRate;
        _commandFormat = commandFormat;
        _noise = new Random(seed);
    }

    public ChipFaults Faults { get; }

    /// <summary>The chip's own baud rate.</summary>
    public int BaudRate { get; }

    /// <summary>Every well-formed command the chip received, in order: lets tests check what a driver sent.</summary>
    public IReadOnlyList<byte[]> ReceivedCommands
    {
        get
        {
            lock (_gate) return [.. _received];
        }
    }

    protected IAmbient Ambient { get; }

    protected TimeProvider Time { get; }

    /// <summary>While the chip reports on its own (active mode, awake), the time between reports; else null.</summary>
    protected abstract TimeSpan? ReportInterval { get; }

    /// <summary>Position of the checksum byte that a corrupt-checksum fault flips, counted from the frame's end.</summary>
    protected virtual int ChecksumFromEnd => 1;

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Connects a host at <paramref name="baudRate"/>: at any rate but the chip's, both directions are noise.</summary>
    public void Connect(int baudRate)
    {
        lock (_gate) _hostBaudRate = baudRate;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                if (_disposed) return 0;
                var now = Time.GetUtcNow();
                Deliver(now);
                if (_wire.Count > 0)
                {
                    var count = Math.Min(buffer.Length, _wire.Count);
                    for (var i = 0; i < count; i++) buffer.Span[i] = _wire[i];
                    _wire.RemoveRange(0, count);
                    return count;
                }
                wait = NextDue(now) is { } due && due - now < IdlePoll ? due - now : IdlePoll;
            }
            // Rounded up to whole milliseconds: a timer drops the fraction, and a frame due in 0.3 ms would be
            // waited for with a zero delay again and again without time ever moving on.
            await Polling.DelayAsync(Time, wait > TimeSpan.Zero ? wait : TimeSpan.FromTicks(1), cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <summary>Blocks until bytes arrive; drivers read asynchronously, this exists for completeness of the stream.</summary>
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => Receive(buffer.AsSpan(offset, count));

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Receive(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Receive(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override void Flush()
    {
    }

    /// <summary>Nothing is buffered. Stream's default would run <see cref="Flush"/> on the thread pool, and a host that
    /// waits for it against a fast-forwarded test clock would see it time out.</summary>
    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>Puts the chip in its power-on state. The first call passes <see cref="DateTimeOffset.MinValue"/>: the
    /// chip has been powered (and warmed up) long before anyone talked to it. Plugging it back in passes the time it got
    /// power again.</summary>
    protected abstract void PowerUp(DateTimeOffset poweredAt);

    /// <summary>A well-formed command frame from the host.</summary>
    protected abstract void OnCommand(byte[] frame, DateTimeOffset now);

    /// <summary>The report the chip sends on its own at <paramref name="at"/>.</summary>
    protected abstract byte[] Report(DateTimeOffset at);

    /// <summary>Queues <paramref name="frame"/> for the wire at <paramref name="at"/> (later on a slow chip).</summary>
    protected void Send(byte[] frame, DateTimeOffset at)
    {
        if (Faults.CorruptChecksum) frame[^ChecksumFromEnd] ^= 0x5A;
        _scheduled.Add((at + Faults.ExtraDelay, frame));
    }

    /// <summary>Starts or stops the chip's own reports; the first comes one interval from now.</summary>
    protected void RestartReports(DateTimeOffset now) => _nextReport = ReportInterval is { } interval ? now + interval : null;

    /// <summary>What the chip measures of <paramref name="quantity"/> now (held while the chip is stuck).</summary>
    protected double Measure(Quantity quantity, DateTimeOffset at) => Faults.Observe(quantity.ToString(), Ambient.Value(quantity, at));

    protected override void Dispose(bool disposing)
    {
        lock (_gate) _disposed = true;
        base.Dispose(disposing);
    }

    private void Receive(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            var now = Time.GetUtcNow();
            if (!Powered(now) || _hostBaudRate != BaudRate) return;
            _commands.Append(data);
            while (_commands.TryTake(_commandFormat, out var frame))
            {
                _received.Add(frame);
                OnCommand(frame, now);
            }
        }
    }

    /// <summary>Moves what is due onto the wire: answers, and the reports of a chip that reports on its own.</summary>
    private void Deliver(DateTimeOffset now)
    {
        if (!Powered(now)) return;
        if (ReportInterval is { } interval)
        {
            _nextReport ??= now + interval;
            // A host that stopped reading for hours finds a full port buffer, not hours of reports.
            var earliest = now - interval * (PortBufferSize / 32);
            if (_nextReport < earliest) _nextReport = earliest;
            for (; _nextReport <= now; _nextReport += interval) Send(Report(_nextReport.Value), _nextReport.Value);
        }
        else
        {
            _nextReport = null;
        }
        _scheduled.Sort((a, b) => a.Due.CompareTo(b.Due));
        while (_scheduled.Count > 0 && _scheduled[0].Due <= now)
        {
            var frame = _scheduled[0].Bytes;
            _scheduled.RemoveAt(0);
            if (Faults.Garbage) _wire.AddRange(Garbage());
            _wire.AddRange(_hostBaudRate == BaudRate ? frame : frame.Select(_ => (byte)_noise.Next(256)));
        }
        if (_wire.Count > PortBufferSize) _wire.RemoveRange(0, _wire.Count - PortBufferSize);
    }

    private DateTimeOffset? NextDue(DateTimeOffset now)
    {
        if (!Powered(now)) return null;
        DateTimeOffset? due = _scheduled.Count > 0 ? _scheduled.Min(s => s.Due) : null;
        return _nextReport is { } report && (due is null || report < due) ? report : due;
    }

    /// <summary>Random bytes of any value, so a frame's first byte among them tempts a careless parser.</summary>
    private byte[] Garbage()
    {
        var bytes = new byte[_noise.Next(1, 24)];
        _noise.NextBytes(bytes);
        return bytes;
    }

    private bool Powered(DateTimeOffset now)
    {
        if (Faults.Unplugged)
        {
            _scheduled.Clear();
            _commands.Clear();
            return false;
        }
        if (_powerCycles != Faults.PowerCycles)
        {
            _scheduled.Clear();
            _wire.Clear();
            PowerUp(Faults.PluggedInAt);
            _powerCycles = Faults.PowerCycles;
            RestartReports(now);
        }
        return true;
    }
}
