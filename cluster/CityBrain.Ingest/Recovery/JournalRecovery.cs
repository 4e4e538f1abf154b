using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Parsing;
using CityBrain.Grains;
using CityBrain.Grains.Devices;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Recovery;

/// <summary>At start, and whenever another silo of the cluster is declared dead, wakes every device that had a report
/// journalled shortly before. A device grain applies the journal beyond its saved state when it activates, and closes the
/// hours still pending in it; one that stays silent after a restart (or whose grain lived on the dead silo) would
/// otherwise never activate: the reports acknowledged to it just before the crash would never count, and its last hour
/// would never close. Waking a device that is already active costs one call that finds nothing to apply.</summary>
public sealed partial class JournalRecovery(
    IRawJournal journal,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<GrainOptions> options,
    ILogger<JournalRecovery> logger) : BackgroundService
{
    /// <summary>How many devices catch up at once: enough to hide the journal reads, few enough to leave the silo
    /// free for live traffic.</summary>
    private const int Parallelism = 16;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await WakeRecentAsync("start", stoppingToken);
        var dead = DeadSilos(membership.CurrentSnapshot);
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
        {
            var nowDead = DeadSilos(snapshot);
            var newlyDead = nowDead.Except(dead).ToList();
            dead = nowDead;
            if (newlyDead.Count == 0) continue;
            foreach (var silo in newlyDead) Log.SiloDied(logger, silo.ToString());
            await WakeRecentAsync($"death of silo {string.Join(", ", newlyDead)}", stoppingToken);
        }
    }

    private static HashSet<SiloAddress> DeadSilos(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();

    private async Task WakeRecentAsync(string cause, CancellationToken stoppingToken)
    {
        try
        {
            await WakeRecentUnguardedAsync(cause, stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // A shared store that is restarting must not stop the silo; devices catch up when they next report.
            Log.SweepFailed(logger, ex, cause);
        }
    }

    private async Task WakeRecentUnguardedAsync(string cause, CancellationToken stoppingToken)
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
        Log.Woke(logger, devices.Count, since, failed, cause);
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Journal recovery after {Cause} woke {Devices} devices with reports received since {Since} ({Failed} failed)")]
        public static partial void Woke(ILogger logger, int devices, DateTimeOffset since, int failed, string cause);

        [LoggerMessage(Level = LogLevel.Error, Message = "Journal recovery after {Cause} could not read the journal; devices catch up when they next report")]
        public static partial void SweepFailed(ILogger logger, Exception exception, string cause);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} was declared dead; its devices are woken on the survivors")]
        public static partial void SiloDied(ILogger logger, string silo);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Device {DeviceId} could not catch up with the journal at start; it will when it next reports")]
        public static partial void CatchUpFailed(ILogger logger, Exception exception, string deviceId);
    }
}
