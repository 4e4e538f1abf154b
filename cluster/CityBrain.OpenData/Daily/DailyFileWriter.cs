using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.OpenData.Export;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.OpenData.Daily;

/// <summary>Writes one local day's published set — the hourly values and the daily values of the configured metrics
/// for the city and each district — in each configured format, and removes files past their keeping.</summary>
public sealed class DailyFileWriter(DailyFileFolder folder, HistoryRows history, RegionCatalog catalog, IOptions<DailyFileOptions> options,
    OpenDataMetrics metrics, ILogger<DailyFileWriter> logger)
{
    private static readonly HistoryResolution[] Steps = [HistoryResolution.Hour, HistoryResolution.Day];

    public bool IsWritten(DateOnly day) => options.Value.FormatList.All(format => File.Exists(folder.PathOf(day, format)));

    /// <summary>Writes the formats of <paramref name="day"/> not yet written. Each file is written under a temporary
    /// name and renamed when complete, so the folder never lists half a file.</summary>
    public async Task WriteAsync(DateOnly day, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder.Path);
        foreach (var format in options.Value.FormatList)
        {
            var path = folder.PathOf(day, format);
            if (File.Exists(path)) continue;
            var partial = path + ".partial";
            long rows = 0;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await using var writer = await RowWriters.OpenAsync(format, file, cancellationToken);
                rows = await WriteDayAsync(day, writer, cancellationToken);
            }
            File.Move(partial, path, overwrite: true);
            metrics.Rows(rows, format.Name());
            logger.DailyFileWritten(folder.NameOf(day, format), rows);
        }
    }

    /// <summary>Removes the files of days more than <see cref="DailyFileOptions.KeepDays"/> before <paramref name="newest"/>.</summary>
    public void Prune(DateOnly newest)
    {
        var keepDays = options.Value.KeepDays;
        foreach (var file in folder.List().Where(f => f.Day <= newest.AddDays(-keepDays)))
        {
            File.Delete(file.FullPath);
            logger.DailyFileRemoved(file.Name, keepDays);
        }
    }

    private async Task<long> WriteDayAsync(DateOnly day, IRowWriter writer, CancellationToken cancellationToken)
    {
        var calendar = catalog.Calendar;
        var (from, to) = (calendar.StartOf(day), calendar.StartOf(day.AddDays(1)));
        var metricList = options.Value.MetricList;
        long rows = 0;
        foreach (var place in ExportPlace.Published(catalog))
        {
            foreach (var step in Steps)
            {
                await foreach (var chunk in history.ReadAsync(place, step, from, to, metricList, calendar, cancellationToken))
                {
                    await writer.WriteAsync(chunk, cancellationToken);
                    rows += chunk.Count;
                }
            }
        }
        return rows;
    }
}
