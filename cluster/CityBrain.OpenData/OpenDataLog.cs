using CityBrain.Indicators.History;
using CityBrain.OpenData.Export;
using Microsoft.Extensions.Logging;

namespace CityBrain.OpenData;

/// <summary>What the exports and the daily file do, with structured fields. Rejected requests log at debug only: anyone
/// can send them, and the counters of <see cref="OpenDataMetrics"/> say how many there were.</summary>
internal static partial class OpenDataLog
{
    [LoggerMessage(EventId = 1800, Level = LogLevel.Debug, Message = "Export rejected with {Status}: {Reason}")]
    public static partial void ExportRejected(this ILogger logger, int status, string reason);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information,
        Message = "Exported {Rows} rows of {Scope} {Id} by {Step} from {From} to {To} as {Format}")]
    public static partial void Exported(this ILogger logger, long rows, HistoryScope scope, string id, HistoryResolution step,
        DateTimeOffset from, DateTimeOffset to, ExportFormat format);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Warning, Message = "Export of {Scope} {Id} stopped after {Rows} rows")]
    public static partial void ExportStopped(this ILogger logger, Exception exception, HistoryScope scope, string id, long rows);

    [LoggerMessage(EventId = 1810, Level = LogLevel.Information, Message = "Open-data file {File} written: {Rows} rows")]
    public static partial void DailyFileWritten(this ILogger logger, string file, long rows);

    [LoggerMessage(EventId = 1811, Level = LogLevel.Warning,
        Message = "Open-data files of {Day} could not be written (attempt {Attempt} of {Attempts}); trying again in {Delay}")]
    public static partial void DailyFileFailed(this ILogger logger, Exception exception, DateOnly day, int attempt, int attempts, TimeSpan delay);

    [LoggerMessage(EventId = 1812, Level = LogLevel.Error,
        Message = "Open-data files of {Day} could not be written after {Attempts} attempts; the next start catches up on them")]
    public static partial void DailyFileGaveUp(this ILogger logger, Exception exception, DateOnly day, int attempts);

    [LoggerMessage(EventId = 1813, Level = LogLevel.Information, Message = "Open-data file {File} removed: older than {KeepDays} days")]
    public static partial void DailyFileRemoved(this ILogger logger, string file, int keepDays);

    [LoggerMessage(EventId = 1814, Level = LogLevel.Information,
        Message = "Daily open-data files are off (OpenData:Daily:Enabled=false) on this host")]
    public static partial void DailyFilesOff(this ILogger logger);

    [LoggerMessage(EventId = 1815, Level = LogLevel.Information,
        Message = "Daily open-data files of {Region} go into {Folder}; the next, of {Day}, at {DueAt}")]
    public static partial void DailyFilesScheduled(this ILogger logger, string region, string folder, DateOnly day, DateTimeOffset dueAt);
}
