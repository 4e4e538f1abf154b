using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Parsing;
using CityBrain.Grains;
using CityBrain.Grains.Devices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Recovery;

/// <summary>At start, wakes every device that had a report journalled shortly before the host last stopped. A device
/// grain applies the journal beyond its saved state when it activates, and closes the hours still pending in it; one
/// that stays silent after a restart would otherwise never activate: the reports acknowledged to it just before a crash
/// would never count, and its last hour would never close.</summary>
public sealed partial class JournalRecovery(
    IRawJournal journal, IGrainFactory grains, IOptions<GrainOptions> options, ILogger<JournalRecovery> logger) : BackgroundService
{
    /// <summary>How many devices catch up at once: enough to hide the journal reads, few enough to leave the silo
    /// free for live traffic.</summary>
    private const int Parallelism = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (await journal.LastReceivedAsync(stoppingToken) is not { } last) return;
        // An hour a report touched closes at most an hour (a window's length, plus the clock skew allowed) and the close
        // delay after the report arrived, so a device heard from since then may hold a pending hour. That also covers
        // a state saved at most one save period after a change (twice, and a minute more, for a save cut short).
        var timing = options.Value;
        var since = last - TimeSpan.FromSeconds(WireFormat.MaxWindowSeconds) - WireFormat.DefaultMaxFutureSkew - timing.HourCloseDelay
            - 2 * timing.SavePeriod - TimeSpan.FromMinutes(1);
        var devices = await journal.DevicesReceivedSinceAsync(since, stoppingToken);
        if (devices.Count == 0) return;
        var failed = 0;
        await Parallel.ForEachAsync(devices, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = stoppingToken },
            async (device, _) =>
            {
                try
                {
                    await grains.GetGrain<IDeviceGrain>(device).CatchUp();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The device catches up anyway when its next report activates it.
                    Interlocked.Increment(ref failed);
                    Log.CatchUpFailed(logger, ex, device);
                }
            });
        Log.Woke(logger, devices.Count, since, failed);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Journal recovery woke {Devices} devices with reports received since {Since} ({Failed} failed)")]
        public static partial void Woke(ILogger logger, int devices, DateTimeOffset since, int failed);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not catch up with the journal at start; it will when it next reports")]
        public static partial void CatchUpFailed(ILogger logger, Exception exception, string deviceId);
    }
}
