namespace CityBrain.Indicators.Air;

/// <summary>A version of the AQI rules. Stored with every computed AQI under <see cref="AqiRuleSets.Id"/>.</summary>
public enum AqiRuleSet
{
    /// <summary>HJ 633-2012 with GB 3095-2012: China, data before 2026-03-01 (China Standard Time).</summary>
    Hj633_2012,

    /// <summary>HJ 633-2026 with GB 3095-2026: China, data from 2026-03-01.</summary>
    Hj633_2026,

    /// <summary>US EPA AQI, Technical Assistance Document EPA-454/B-24-002 (May 2024).</summary>
    UsEpa2024,
}

/// <summary>How a deployment chooses its rule set.</summary>
public enum AqiSelection
{
    /// <summary>The China rule set in force for the data's time: HJ 633-2012 before 2026-03-01 00:00 China Standard
    /// Time, HJ 633-2026 from then on. The default.</summary>
    ChinaByDate,

    /// <summary>Always HJ 633-2012, e.g. to compare with figures published before the change.</summary>
    Hj633_2012,

    /// <summary>Always HJ 633-2026.</summary>
    Hj633_2026,

    /// <summary>The US EPA AQI, for deployments outside China.</summary>
    UsEpa2024,
}

public static class AqiRuleSets
{
    /// <summary>The stable identifier stored and served with each AQI.</summary>
    public static string Id(this AqiRuleSet ruleSet) => ruleSet switch
    {
        AqiRuleSet.Hj633_2012 => "HJ633-2012",
        AqiRuleSet.Hj633_2026 => "HJ633-2026",
        AqiRuleSet.UsEpa2024 => "EPA-AQI-2024",
        _ => throw new ArgumentOutOfRangeException(nameof(ruleSet), ruleSet, null),
    };

    /// <summary>The standard's title as a reader expects it, e.g. <c>HJ 633-2026</c> (FIWARE's referenceSpecification).</summary>
    public static string Title(this AqiRuleSet ruleSet) => ruleSet switch
    {
        AqiRuleSet.Hj633_2012 => "HJ 633-2012",
        AqiRuleSet.Hj633_2026 => "HJ 633-2026",
        AqiRuleSet.UsEpa2024 => "EPA-454/B-24-002",
        _ => throw new ArgumentOutOfRangeException(nameof(ruleSet), ruleSet, null),
    };

    public static bool TryParseId(string? id, out AqiRuleSet ruleSet)
    {
        foreach (var candidate in Enum.GetValues<AqiRuleSet>())
        {
            if (string.Equals(candidate.Id(), id, StringComparison.Ordinal))
            {
                ruleSet = candidate;
                return true;
            }
        }
        ruleSet = default;
        return false;
    }
}
