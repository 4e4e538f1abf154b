namespace CityBrain.Indicators.Air;

/// <summary>Which report an AQI belongs to. The two read different averaging times (HJ 633 §5; reference §5).</summary>
public enum AqiPeriod
{
    /// <summary>Real-time report (实时报) of one clock hour.</summary>
    Hour,

    /// <summary>Daily report (日报) of one natural day.</summary>
    Day,
}

/// <summary>An AQI with everything that explains it. <see cref="RuleSet"/> travels with every value, because the
/// same concentrations give different indices under different versions.</summary>
/// <param name="Aqi">The largest sub-index; null when no pollutant could be scored.</param>
/// <param name="PrimaryPollutants">Items whose sub-index equals the AQI, all of them when they tie. HJ 633: empty when
/// the AQI is 50 or less (首要污染物 exists only above 50); EPA: named in every report (40 CFR 58 App. G).</param>
/// <param name="ExceedingPollutants">Items whose sub-index is above 100 (超标污染物).</param>
/// <param name="BeyondIndex">Some concentration lay above the top of its column and was capped at 500: the EPA calls
/// this "Beyond the AQI", Chinese practice "爆表".</param>
public sealed record AqiResult(
    AqiRuleSet RuleSet,
    AqiPeriod Period,
    int? Aqi,
    AqiCategory? Category,
    IReadOnlyList<SubIndex> SubIndices,
    IReadOnlyList<Measure> PrimaryPollutants,
    IReadOnlyList<Measure> ExceedingPollutants,
    bool BeyondIndex);

/// <summary>The index of one item.</summary>
/// <param name="Item">The item reported, e.g. SO2-1h.</param>
/// <param name="Source">The concentration actually read: differs from <see cref="Item"/> only when a special rule
/// substitutes another averaging time (HJ 633-2012: SO2 1h above 800 is read as the 24h value).</param>
/// <param name="Concentration">The value the column was read with, after rounding (HJ 633) or conversion and
/// truncation (EPA), in <see cref="Unit"/>.</param>
/// <param name="Limit">The highest concentration of the column whose index is at most 100, in <see cref="Unit"/>.</param>
public sealed record SubIndex(
    Measure Item,
    Measure Source,
    decimal Concentration,
    string Unit,
    int Index,
    decimal Limit,
    SubIndexBasis Basis)
{
    public bool ExceedsLimit => Index > 100;
}

public enum SubIndexBasis
{
    /// <summary>Interpolated in the item's own column.</summary>
    Interpolated,

    /// <summary>Above the top breakpoint of the column: capped at 500.</summary>
    AboveTopBreakpoint,

    /// <summary>Above the range the column defines; the standard fixes the index.</summary>
    FixedBySpecialRule,

    /// <summary>Above the range the column defines; read from another averaging time instead.</summary>
    Substituted,
}
