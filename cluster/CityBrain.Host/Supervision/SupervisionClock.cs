using CityBrain.Grains.Regions;
using CityBrain.Grains.Supervision;
using CityBrain.Supervision.Options;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Supervision;

/// <summary>Has the supervision desk review the alerts every <see cref="SupervisionOptions.ReviewInterval"/>. Every
/// node of a cluster runs one: a review is idempotent, so two in one interval cost a little and change nothing, and the
/// desk keeps reviewing whichever node dies.</summary>
public sealed partial class SupervisionClock(IGrainFactory grains, RegionCatalog catalog, IOptions<SupervisionOptions> options, TimeProvider time,
    ILogger<SupervisionClock> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReviewInterval, time);
        var failing = false;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<ISupervisionGrain>(catalog.Root.Id).Review().WaitAsync(stoppingToken);
                if (failing) Log.Recovered(logger);
                failing = false;
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Once per outage, not once per interval: a cluster without its database would otherwise fill the log.
                if (!failing) Log.Failed(logger, e);
                failing = true;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Warning, Message = "Supervision review failed; retrying every interval until it succeeds")]
        public static partial void Failed(ILogger logger, Exception exception);

        [LoggerMessage(Level = LogLevel.Information, Message = "Supervision review succeeded again")]
        public static partial void Recovered(ILogger logger);
    }
}
