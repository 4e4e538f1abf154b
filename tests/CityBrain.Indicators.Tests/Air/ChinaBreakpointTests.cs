using CityBrain.Indicators.Air;

namespace CityBrain.Indicators.Tests.Air;

/// <summary>Every breakpoint of every column of both HJ 633 versions, on the node and one rounding unit above it. The
/// expected index of the point above is computed here in integer arithmetic, independent of the production code.</summary>
public sealed class ChinaBreakpointTests
{
    public static TheoryData<AqiRuleSet, string, AqiPeriod, Pollutant, Averaging, decimal, int> OnEveryBreakpoint()
    {
        var data = new TheoryData<AqiRuleSet, string, AqiPeriod, Pollutant, Averaging, decimal, int>();
        foreach (var version in new[] { AqiRuleSet.Hj633_2012, AqiRuleSet.Hj633_2026 })
        {
            foreach (var column in ReferenceTables.China(version))
            {
                for (var k = 0; k < column.Nodes.Length; k++)
                {
                    data.Add(version, column.Name, column.Period, column.Measure.Pollutant, column.Measure.Averaging,
                        column.Nodes[k], ReferenceTables.ChinaIndices[k]);
                }
            }
        }
        return data;
    }

    public static TheoryData<AqiRuleSet, string, AqiPeriod, Pollutant, Averaging, decimal, int> OneUnitAboveEveryBreakpoint()
    {
        var data = new TheoryData<AqiRuleSet, string, AqiPeriod, Pollutant, Averaging, decimal, int>();
        foreach (var version in new[] { AqiRuleSet.Hj633_2012, AqiRuleSet.Hj633_2026 })
        {
            foreach (var column in ReferenceTables.China(version))
            {
                for (var k = 0; k < column.Nodes.Length - 1; k++)
                {
                    var c = column.Nodes[k] + column.Step;
                    data.Add(version, column.Name, column.Period, column.Measure.Pollutant, column.Measure.Averaging, c,
                        CeilingInIntegers(c, column.Nodes[k], column.Nodes[k + 1], ReferenceTables.ChinaIndices[k], ReferenceTables.ChinaIndices[k + 1], column.Step));
                }
            }
        }
        return data;
    }

    public static TheoryData<AqiRuleSet, string, AqiPeriod, Pollutant, Averaging, decimal> AboveTheTopOfEveryFullColumn()
    {
        var data = new TheoryData<AqiRuleSet, string, AqiPeriod, Pollutant, Averaging, decimal>();
        foreach (var version in new[] { AqiRuleSet.Hj633_2012, AqiRuleSet.Hj633_2026 })
        {
            foreach (var column in ReferenceTables.China(version).Where(c => c.Nodes.Length == ReferenceTables.ChinaIndices.Length))
            {
                data.Add(version, column.Name, column.Period, column.Measure.Pollutant, column.Measure.Averaging, column.Nodes[^1] + column.Step);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(OnEveryBreakpoint))]
    public void A_concentration_on_a_breakpoint_gives_the_breakpoints_index(
        AqiRuleSet version, string column, AqiPeriod period, Pollutant pollutant, Averaging averaging, decimal concentration, int expected)
    {
        var sub = Score(version, period, new Measure(pollutant, averaging), concentration);

        Assert.True(sub is not null, $"{column}: no sub-index for {concentration}");
        Assert.Equal(expected, sub.Index);
        Assert.Equal(SubIndexBasis.Interpolated, sub.Basis);
    }

    [Theory]
    [MemberData(nameof(OneUnitAboveEveryBreakpoint))]
    public void One_unit_above_a_breakpoint_rounds_the_interpolation_up(
        AqiRuleSet version, string column, AqiPeriod period, Pollutant pollutant, Averaging averaging, decimal concentration, int expected)
    {
        var sub = Score(version, period, new Measure(pollutant, averaging), concentration);

        Assert.True(sub is not null, $"{column}: no sub-index for {concentration}");
        Assert.Equal(expected, sub.Index);
    }

    [Theory]
    [MemberData(nameof(AboveTheTopOfEveryFullColumn))]
    public void Above_the_top_breakpoint_the_index_is_500(
        AqiRuleSet version, string column, AqiPeriod period, Pollutant pollutant, Averaging averaging, decimal concentration)
    {
        var result = AqiStandards.Get(version).Evaluate(period, new Dictionary<Measure, decimal> { [new(pollutant, averaging)] = concentration });

        var sub = Assert.Single(result.SubIndices);
        Assert.Equal(500, sub.Index);
        Assert.Equal(SubIndexBasis.AboveTopBreakpoint, sub.Basis);
        Assert.True(result.BeyondIndex, column);
        Assert.Equal(6, result.Category!.Level);
    }

    private static SubIndex? Score(AqiRuleSet version, AqiPeriod period, Measure measure, decimal concentration) =>
        AqiStandards.Get(version).Evaluate(period, new Dictionary<Measure, decimal> { [measure] = concentration })
            .SubIndices.SingleOrDefault(s => s.Item == measure);

    /// <summary>⌈(I_hi − I_lo)·(C − BP_lo)/(BP_hi − BP_lo)⌉ + I_lo on integers scaled by the rounding step.</summary>
    private static int CeilingInIntegers(decimal c, decimal low, decimal high, int indexLow, int indexHigh, decimal step)
    {
        var numerator = (long)(indexHigh - indexLow) * (long)((c - low) / step);
        var denominator = (long)((high - low) / step);
        return indexLow + (int)((numerator + denominator - 1) / denominator);
    }
}
