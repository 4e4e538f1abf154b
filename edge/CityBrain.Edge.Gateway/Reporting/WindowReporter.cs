using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Reporting;

/// <summary>Closes the report window of every sensor at each window boundary and hands the readings to the
/// publisher, which commits them to the outbox. Windows are aligned to multiples of the report interval since the
/// epoch, so every gateway's windows (and the cluster's hours) line up.</summary>
public sealed class WindowReporter(
    IReadOnlyList<SensorSampler> samplers,
    LiveSettings settings,
    GatewayPublisher publisher,
    ClockCheck clock,
    TimeProvider time,
    ILogger<WindowReporter> logger)
{
    /// <summary>Reports kept in memory while the outbox cannot take them (a failing disk), oldest dropped first.</summary>
    private const int MaxUnsaved = 60;
    private readonly Queue<(DateTimeOffset Start, TimeSpan Length, IReadOnlyList<Reading> Readings)> _unsaved = new();
    private long _heldBack;

    /// <summary>Windows discarded because the clock could not be trusted to stamp them.</summary>
    public long HeldBack => Interlocked.Read(ref _heldBack);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var interval = settings.ReportInterval;
        var windowStart = WindowStart(time.GetUtcNow(), interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            clock.Observe();
            var now = time.GetUtcNow();
            var boundary = windowStart + interval;
            if (now < boundary)
            {
                // Waiting longer than a window means the clock was set back: start a window from the new time.
                if (boundary - now > interval) windowStart = WindowStart(now, interval);
                else if (!await DelayAsync(boundary - now, stoppingToken)) return;
                continue;
            }
            await CloseAsync(windowStart, interval, CancellationToken.None);
            // A new interval from the cluster takes effect at a window boundary, never inside a window.
            interval = settings.ReportInterval;
            windowStart = WindowStart(now, interval);
        }
    }

    /// <summary>Closes every sensor's window (a disabled sensor's too, so that it starts afresh when enabled again)
    /// and commits the enabled sensors' readings.</summary>
    public async Task CloseAsync(DateTimeOffset windowStart, TimeSpan interval, CancellationToken cancellationToken)
    {
        var readings = samplers.Select(s => (s.Name, Readings: s.CloseWindow())).Where(s => settings.IsEnabled(s.Name)).SelectMany(s => s.Readings).ToList();
        if (readings.Count == 0) return;
        if (!clock.IsTrusted)
        {
            Interlocked.Increment(ref _heldBack);
            logger.LogWarning("Clock reads {Now:O}, before the build date {BuildDate:yyyy-MM-dd}: the window's readings cannot be stamped and are not reported; check NTP (timedatectl)",
                time.GetUtcNow(), clock.BuildDate);
            return;
        }
        _unsaved.Enqueue((windowStart, interval, readings));
        while (_unsaved.TryPeek(out var report))
        {
            try
            {
                await publisher.PublishAsync(report.Start, report.Length, report.Readings, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A full disk has its own warning from the outbox, at most every few minutes; this window adds nothing to it.
                if (!DiskFull.Is(ex))
                {
                    logger.LogError(ex, "The outbox could not take the report of {WindowStart:O}; {Count} reports wait in memory for the next try",
                        report.Start, _unsaved.Count);
                }
                while (_unsaved.Count > MaxUnsaved) _unsaved.Dequeue();
                return;
            }
            _unsaved.Dequeue();
        }
    }

    private async Task<bool> DelayAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan interval) =>
        new(now.UtcTicks - now.UtcTicks % interval.Ticks, TimeSpan.Zero);
}
