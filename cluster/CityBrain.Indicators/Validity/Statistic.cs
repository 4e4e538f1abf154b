namespace CityBrain.Indicators.Validity;

/// <summary>A mean or maximum over a period with the evidence behind it. An invalid period has no value: it is
/// never reported as zero.</summary>
/// <param name="Value">Null when too few valid values exist.</param>
/// <param name="Count">Valid values the statistic was computed from (or found, when invalid).</param>
/// <param name="Required">Valid values the rule asks for.</param>
/// <param name="Validity">Why the value stands or not.</param>
public sealed record Statistic(double? Value, int Count, int Required, StatisticValidity Validity)
{
    public bool IsValid => Validity != StatisticValidity.Insufficient;

    public static Statistic Insufficient(int count, int required) => new(null, count, required, StatisticValidity.Insufficient);

    public static Statistic Valid(double value, int count, int required) => new(value, count, required, StatisticValidity.Valid);
}

public enum StatisticValidity
{
    Valid,

    /// <summary>Fewer valid values than the rule asks for.</summary>
    Insufficient,

    /// <summary>Too few valid values, but the maximum already exceeds the limit, so the day counts (O3 daily max 8h).</summary>
    ValidByExceedance,
}
