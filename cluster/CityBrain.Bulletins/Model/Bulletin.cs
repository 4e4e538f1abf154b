using CityBrain.Indicators.Figures;

namespace CityBrain.Bulletins.Model;

/// <summary>A bulletin (日报, 月报, 年报) of one place and period, composed from the stored history. Every figure that
/// has no data is null ("no data"), never 0.</summary>
/// <param name="TimeZone">The zone whose natural days the period is counted in.</param>
/// <param name="Statistics">HJ 663 statistics; null for a daily bulletin.</param>
public sealed record Bulletin(
    BulletinPlace Place,
    BulletinPeriod Period,
    string TimeZone,
    DateTimeOffset ComposedAt,
    AirSection Air,
    ExceedanceSection Exceedance,
    RankingSection Ranking,
    NoiseSection Noise,
    NetworkSection Network,
    CasesSection Cases,
    Hj663Statistics? Statistics);

/// <param name="Level">The tree's name for the place's level (province, city, district, …).</param>
public sealed record BulletinPlace(string Id, string Name, string NameZh, string Level);

/// <summary>The daily AQI (HJ 633) of each day of the period, and how the days fell into categories.</summary>
/// <param name="Categories">Days per category, best first; only categories that occurred.</param>
/// <param name="PrimaryPollutantDays">Days each pollutant was primary (首要污染物), most days first.</param>
public sealed record AirSection(
    IReadOnlyList<DayAir> Days,
    IReadOnlyList<CategoryDays> Categories,
    IReadOnlyList<PollutantCount> PrimaryPollutantDays);

/// <param name="Aqi">The stored daily AQI; null for a day without enough valid hours.</param>
/// <param name="PrimaryPollutants">Display names (PM2.5, O3-8h …); empty at AQI 50 or below, as HJ 633 defines.</param>
/// <param name="RuleSet">The rule set that computed the AQI, e.g. HJ633-2026.</param>
public sealed record DayAir(
    DateOnly Day,
    int? Aqi,
    string? CategoryZh,
    string? CategoryEn,
    string? Colour,
    IReadOnlyList<string> PrimaryPollutants,
    string? RuleSet);

public sealed record CategoryDays(int Level, string NameZh, string NameEn, string Colour, int Days);

/// <param name="Pollutant">Display name, e.g. PM2.5.</param>
/// <param name="Count">Days or hours, as the section says.</param>
public sealed record PollutantCount(string Pollutant, int Count);

/// <summary>Hours of the period with an hourly AQI, hours with an AQI above 100, and per pollutant the hours its
/// hourly sub-index was above 100 (over its Grade II limit).</summary>
public sealed record ExceedanceSection(int HoursWithAqi, int HoursOver100, IReadOnlyList<PollutantCount> PollutantHours);

/// <summary>The place's children ranked by <see cref="Basis"/>, lowest (cleanest) first, with their place in the
/// previous period of the same kind.</summary>
/// <param name="Basis"><c>daily-aqi</c> for a day, <c>mean-daily-aqi</c> (mean of the days that have an AQI) for a
/// month or a year.</param>
public sealed record RankingSection(string Basis, IReadOnlyList<RankedPlace> Places);

/// <param name="Rank">1 is the cleanest; ties share a rank; null without a value.</param>
/// <param name="PlacesGained">Previous rank minus this rank: positive is better than before; null when either is missing.</param>
public sealed record RankedPlace(
    string Id,
    string Name,
    string NameZh,
    int? Rank,
    double? Value,
    int? PreviousRank,
    double? PreviousValue,
    int? PlacesGained);

/// <summary>GB 3096 compliance of the districts below the place (the place itself when it is a district), counted in
/// district-days: a district's day level Ld and night level Ln of each day against its own zone's limits.</summary>
/// <param name="Districts">Districts below the place.</param>
/// <param name="ZonedDistricts">Of those, districts with a GB 3096 zone to be judged against.</param>
public sealed record NoiseSection(int Districts, int ZonedDistricts, NoiseCompliance Day, NoiseCompliance Night);

/// <param name="Measured">District-days with a level to compare.</param>
/// <param name="Over">Of those, district-days whose level, rounded to 0.1 dB, is above the limit.</param>
public sealed record NoiseCompliance(int Measured, int Over)
{
    public int Met => Measured - Over;

    /// <summary>Met over measured, 0–1; null when nothing was measured.</summary>
    public double? Rate => Measured == 0 ? null : (double)Met / Measured;
}

/// <summary>The sensing network over the period, from the districts' hourly rates weighted by what is behind each:
/// online devices over registered devices, valid hourly values over expected ones. Null without any hour.</summary>
public sealed record NetworkSection(double? OnlineRate, double? ValidityRate);

/// <summary>Supervision cases of the period; <see cref="Figures"/> is null when no case source is available.</summary>
public sealed record CasesSection(CaseFigures? Figures)
{
    public bool Available => Figures is not null;
}

/// <summary>HJ 663 statistics of a month or year from the stored daily values.</summary>
/// <param name="Days">Valid days (a daily AQI, i.e. enough valid hours), good days and their share (reused from the
/// headline figures).</param>
/// <param name="ExceedanceDays">Valid days with an AQI above 100.</param>
/// <param name="ExceedanceRate">Exceedance days over valid days, 0–1; null without valid days.</param>
public sealed record Hj663Statistics(AirDays Days, int ExceedanceDays, double? ExceedanceRate, IReadOnlyList<ConcentrationStatistic> Concentrations);

/// <summary>One pollutant's period statistics.</summary>
/// <param name="Pollutant">Display name.</param>
/// <param name="Mean">The monthly or annual mean of the daily means (HJ 663 validity: 27 days a month, 25 in February,
/// 324 a year); null for a pollutant HJ 663 assesses by percentile only (CO, O3).</param>
/// <param name="Basis">What the percentile is of: <c>24h</c> daily means, or <c>max-8h</c> daily maximum 8-hour means.</param>
/// <param name="PercentileValue">The percentile of the days that have a value; null without any.</param>
/// <param name="PercentileDays">Days behind the percentile.</param>
public sealed record ConcentrationStatistic(
    string Pollutant,
    string Unit,
    PeriodMean? Mean,
    string Basis,
    int Percentile,
    double? PercentileValue,
    int PercentileDays);

/// <param name="Value">Null when fewer than <see cref="Required"/> days have a daily mean.</param>
public sealed record PeriodMean(double? Value, int Days, int Required);
