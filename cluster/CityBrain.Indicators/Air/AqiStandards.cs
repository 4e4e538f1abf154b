using CityBrain.Indicators.Air.Standards;

namespace CityBrain.Indicators.Air;

/// <summary>The rule sets and the choice between them.</summary>
public static class AqiStandards
{
    /// <summary>HJ 633-2026 applies to data from 2026-03-01 00:00 China Standard Time, whatever zone the deployment
    /// counts its days in.</summary>
    public static DateTimeOffset Hj633_2026InForce { get; } = new(2026, 3, 1, 0, 0, 0, TimeSpan.FromHours(8));

    public static AqiStandard Hj633_2012 => ChinaHj633.Version2012;

    public static AqiStandard Hj633_2026 => ChinaHj633.Version2026;

    public static AqiStandard UsEpa2024 => Standards.UsEpa2024.Standard;

    public static AqiStandard Get(AqiRuleSet ruleSet) => ruleSet switch
    {
        AqiRuleSet.Hj633_2012 => Hj633_2012,
        AqiRuleSet.Hj633_2026 => Hj633_2026,
        AqiRuleSet.UsEpa2024 => UsEpa2024,
        _ => throw new ArgumentOutOfRangeException(nameof(ruleSet), ruleSet, null),
    };

    /// <summary>The standard for the hour or day that starts at <paramref name="periodStart"/>.</summary>
    public static AqiStandard For(AqiSelection selection, DateTimeOffset periodStart) => selection switch
    {
        AqiSelection.ChinaByDate => periodStart < Hj633_2026InForce ? Hj633_2012 : Hj633_2026,
        AqiSelection.Hj633_2012 => Hj633_2012,
        AqiSelection.Hj633_2026 => Hj633_2026,
        AqiSelection.UsEpa2024 => UsEpa2024,
        _ => throw new ArgumentOutOfRangeException(nameof(selection), selection, null),
    };
}
