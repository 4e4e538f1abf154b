using CityBrain.OpenData.Export;
using Microsoft.Extensions.Options;

namespace CityBrain.OpenData.Daily;

/// <summary>The daily open-data file of the city (section <c>OpenData:Daily</c>): the set a bureau publishes on its
/// open-data portal, written once a day for the local day before.</summary>
public sealed class DailyFileOptions
{
    public const string Section = "OpenData:Daily";

    /// <summary>Off on every silo of a cluster but one, so the file is written once.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The local time of day at which the day before is written: late enough for its last hour and its daily
    /// means to have closed.</summary>
    public TimeSpan LocalTime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Relative to the host's data directory, or absolute.</summary>
    public string Folder { get; set; } = "open-data";

    /// <summary>Comma-separated metric names; by default the AQI and the six pollutants.</summary>
    public string Metrics { get; set; } = string.Join(",", ExportRequest.AirMetrics);

    /// <summary>Comma-separated: <c>csv</c>, <c>parquet</c> or both.</summary>
    public string Formats { get; set; } = "csv,parquet";

    /// <summary>Files of days older than this are removed.</summary>
    public int KeepDays { get; set; } = 30;

    /// <summary>How many past days a start looks back for files that are due but missing (the host was down at the
    /// time); 0 writes only what falls due while it runs.</summary>
    public int CatchUpDays { get; set; } = 7;

    /// <summary>Attempts at writing one day's files before giving up until the next start.</summary>
    public int Attempts { get; set; } = 5;

    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<string> MetricList => ExportRequest.TryParseMetrics(Metrics, int.MaxValue, out var metrics, out _) ? metrics : [];

    public IReadOnlyList<ExportFormat> FormatList => ExportFormats.TryParseList(Formats, out var formats, out _) ? formats : [];
}

/// <summary>Checks the settings at start, each failure a sentence naming the setting.</summary>
internal sealed class DailyFileOptionsValidation : IValidateOptions<DailyFileOptions>
{
    public ValidateOptionsResult Validate(string? name, DailyFileOptions options)
    {
        var section = DailyFileOptions.Section;
        var failures = new List<string>();
        if (options.LocalTime < TimeSpan.Zero || options.LocalTime >= TimeSpan.FromDays(1))
        {
            failures.Add($"{section}:{nameof(options.LocalTime)} must be a time of day from 00:00:00 to 23:59:59 (it is {options.LocalTime})");
        }
        if (string.IsNullOrWhiteSpace(options.Folder)) failures.Add($"{section}:{nameof(options.Folder)} is empty");
        if (!ExportRequest.TryParseMetrics(options.Metrics, int.MaxValue, out _, out var metricError))
        {
            failures.Add($"{section}:{nameof(options.Metrics)}: {metricError}");
        }
        if (!ExportFormats.TryParseList(options.Formats, out _, out var formatError)) failures.Add($"{section}:{nameof(options.Formats)}: {formatError}");
        if (options.KeepDays < 1) failures.Add($"{section}:{nameof(options.KeepDays)} must be at least 1 (it is {options.KeepDays})");
        if (options.CatchUpDays < 0 || options.CatchUpDays > options.KeepDays)
        {
            failures.Add($"{section}:{nameof(options.CatchUpDays)} must be from 0 to {nameof(options.KeepDays)} ({options.KeepDays}); it is {options.CatchUpDays}");
        }
        if (options.Attempts < 1) failures.Add($"{section}:{nameof(options.Attempts)} must be at least 1 (it is {options.Attempts})");
        if (options.RetryDelay <= TimeSpan.Zero) failures.Add($"{section}:{nameof(options.RetryDelay)} must be positive (it is {options.RetryDelay})");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
