namespace CityBrain.OpenData.Export;

/// <summary>Limits of <c>GET /api/export</c> (section <c>OpenData:Export</c>). An export streams, so its memory does not
/// grow with the range; the limits bound how long one request may keep the history store and the connection busy.</summary>
public sealed class ExportOptions
{
    public const string Section = "OpenData:Export";

    /// <summary>The longest range of an hourly export, in days: a year of hours by default.</summary>
    public int MaxHourlyDays { get; set; } = 366;

    /// <summary>The longest range of a daily export, in days: ten years by default.</summary>
    public int MaxDailyDays { get; set; } = 3660;

    /// <summary>Metrics per export at most.</summary>
    public int MaxMetrics { get; set; } = 40;
}

/// <summary>Checks the limits at start, each failure a sentence naming the setting.</summary>
internal sealed class ExportOptionsValidation : Microsoft.Extensions.Options.IValidateOptions<ExportOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ExportOptions options)
    {
        (string Setting, int Value)[] limits =
            [(nameof(options.MaxHourlyDays), options.MaxHourlyDays), (nameof(options.MaxDailyDays), options.MaxDailyDays), (nameof(options.MaxMetrics), options.MaxMetrics)];
        var failures = limits.Where(l => l.Value < 1).Select(l => $"{ExportOptions.Section}:{l.Setting} must be at least 1 (it is {l.Value})").ToList();
        return failures.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(failures);
    }
}
