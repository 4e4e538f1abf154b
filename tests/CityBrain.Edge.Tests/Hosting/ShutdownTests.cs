using System.Diagnostics;
using System.Text;
using CityBrain.Edge.Sensors.Bus;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Tests.Hosting;

/// <summary>Stopping a gateway is bounded and quiet: a serial port whose device has gone away cannot hold it, and
/// stopping in the middle of a reconnect is normal, not a failure.</summary>
public sealed class ShutdownTests : IDisposable
{
    /// <summary>Far above every bound the gateway keeps; reaching it fails the test instead of hanging it.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task A_port_whose_flush_blocks_forever_is_abandoned_with_a_log_line()
    {
        using var flush = new ManualResetEventSlim();
        var log = new ListLogger();
        var gone = new BlockingFlushStream(flush);
        var port = new PortStream(gone, gone.Dispose, "/dev/ttyUSB0", log);

        await Task.Run(port.Dispose).WaitAsync(Patience);

        Assert.Equal(
            $"Warning Serial port /dev/ttyUSB0 did not close within {PortStream.CloseTimeout} (its device has probably gone away); abandoned it",
            Assert.Single(log.Lines));
        Assert.True(gone.FlushStarted);
        flush.Set();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Sigterm_during_a_reconnect_exits_0_without_a_critical_line(bool silentBroker)
    {
        // Reconnecting either to a port nothing listens on any more, or to one that accepts and never answers.
        int port;
        using (var closed = RawListener.Silent()) port = closed.Port;
        using var silent = silentBroker ? RawListener.Silent() : null;
        port = silent?.Port ?? port;
        var config = Support.Cli.Config(_dir, port);
        var output = new StringBuilder();
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "citybrain-edge"), ["run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var gateway = Process.Start(start)!;
        var reconnecting = new TaskCompletionSource();
        void Line(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
            if (line.Contains("unreachable", StringComparison.Ordinal) || (silentBroker && line.Contains("Gateway gw-cli in haidian", StringComparison.Ordinal)))
            {
                reconnecting.TrySetResult();
            }
        }
        gateway.OutputDataReceived += (_, e) => Line(e.Data);
        gateway.ErrorDataReceived += (_, e) => Line(e.Data);
        gateway.BeginOutputReadLine();
        gateway.BeginErrorReadLine();
        await reconnecting.Task.WaitAsync(Patience);
        if (silent is not null) await Eventually.HoldsAsync(() => silent.Accepted > 0, "the gateway to be connecting to the silent broker");

        Process.Start("kill", ["-TERM", gateway.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
        await gateway.WaitForExitAsync().WaitAsync(Patience);

        var text = output.ToString();
        Assert.True(gateway.ExitCode == 0, $"exit {gateway.ExitCode}: {text}");
        Assert.DoesNotContain("crit", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", text, StringComparison.Ordinal);
        Assert.Contains("Gateway gw-cli stopped", text, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>A serial port whose device is gone: its flush, which closing it runs, never returns.</summary>
    private sealed class BlockingFlushStream(ManualResetEventSlim release) : MemoryStream
    {
        public bool FlushStarted { get; private set; }

        public override void Flush()
        {
            FlushStarted = true;
            release.Wait();
        }

        protected override void Dispose(bool disposing)
        {
            Flush();
            base.Dispose(disposing);
        }
    }

    private sealed class ListLogger : ILogger
    {
        private readonly List<string> _lines = [];

        public IReadOnlyList<string> Lines
        {
            get
            {
                lock (_lines) return [.. _lines];
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (_lines) _lines.Add($"{logLevel} {formatter(state, exception)}");
        }
    }
}
