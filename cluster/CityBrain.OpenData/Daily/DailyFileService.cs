using CityBrain.Grains.Regions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.OpenData.Daily;

/// <summary>Writes the day before at <see cref="DailyFileOptions.LocalTime"/> each local day. On start it first writes
/// the days of the last <see cref="DailyFileOptions.CatchUpDays"/> that fell due while the host was down. Days follow one
/// another from the last one due, not from the clock, so a day is never skipped because writing the one before took
/// long. A failure is logged and retried, and never stops the host.</summary>
public sealed class DailyFileService(DailyFileWriter files, DailyFileFolder folder, RegionCatalog catalog, IOptions<DailyFileOptions> options,
    TimeProvider time, ILogger<DailyFileService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            logger.DailyFilesOff();
            return;
        }
        var due = LastDueDay(time.GetUtcNow());
        for (var day = due.AddDays(1 - settings.CatchUpDays); day <= due; day = day.AddDays(1))
        {
            if (!files.IsWritten(day)) await WriteAsync(day, stoppingToken);
        }
        logger.DailyFilesScheduled(catalog.Root.Id, folder.Path, due.AddDays(1), DueAt(due.AddDays(1)));
        for (var day = due.AddDays(1); !stoppingToken.IsCancellationRequested; day = day.AddDays(1))
        {
            var wait = DueAt(day) - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken);
            await WriteAsync(day, stoppingToken);
        }
    }

    /// <summary>When <paramref name="day"/>'s files fall due: the configured local time on the day after it.</summary>
    public DateTimeOffset DueAt(DateOnly day) => catalog.Calendar.StartOf(day.AddDays(1)) + options.Value.LocalTime;

    private DateOnly LastDueDay(DateTimeOffset now)
    {
        var day = catalog.Calendar.DayOf(now).AddDays(-1);
        return now >= DueAt(day) ? day : day.AddDays(-1);
    }

    private async Task WriteAsync(DateOnly day, CancellationToken stoppingToken)
    {
        var settings = options.Value;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await files.WriteAsync(day, stoppingToken);
                files.Prune(day);
                return;
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                if (attempt == settings.Attempts)
                {
                    logger.DailyFileGaveUp(exception, day, attempt);
                    return;
                }
                logger.DailyFileFailed(exception, day, attempt, settings.Attempts, settings.RetryDelay);
            }
            await Task.Delay(settings.RetryDelay, time, stoppingToken);
        }
    }
}
