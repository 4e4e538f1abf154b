namespace CityBrain.Indicators.Validity;

/// <summary>The minimum data for a valid statistic (GB 3095-2012 §8 Table 4, HJ 663). Defaults are the standards';
/// change them only to follow a newer text.</summary>
public sealed record ValidityRules
{
    public static ValidityRules Default { get; } = new();

    /// <summary>Sampling an hour needs for a valid hourly mean. GB 3095 states it for the gases; the project applies
    /// it to every quantity.</summary>
    public TimeSpan HourMinimumCoverage { get; init; } = TimeSpan.FromMinutes(45);

    /// <summary>Hourly values a natural day (or a 24h moving window) needs.</summary>
    public int DayMinimumHours { get; init; } = 20;

    /// <summary>Hourly values an 8h moving window needs.</summary>
    public int EightHourMinimumHours { get; init; } = 6;

    /// <summary>Valid 8h values among the windows ending 08:00 … 24:00 that the O3 daily maximum needs.</summary>
    public int DailyMaxEightHourMinimumWindows { get; init; } = 14;

    /// <summary>With fewer windows the O3 daily maximum still counts when it exceeds this (GB 3095 Grade II O3 8h,
    /// µg/m³), compared after rounding to a whole number.</summary>
    public double DailyMaxEightHourExceedanceLimit { get; init; } = 160;

    public int MonthMinimumDays { get; init; } = 27;

    public int FebruaryMinimumDays { get; init; } = 25;

    public int YearMinimumDays { get; init; } = 324;
}
