using CityBrain.Indicators.Air;
using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Tests.Air;

public sealed class AqiSelectionTests
{
    [Fact]
    public void China_by_date_switches_to_2026_at_midnight_china_time_on_1_march()
    {
        var lastOldHour = LocalCalendar.China.HourOf(new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.FromHours(8)));
        var firstNewHour = LocalCalendar.China.HourOf(new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.FromHours(8)));

        Assert.Equal("2026-02-28 24:00", lastOldHour.Label);
        Assert.Equal(AqiRuleSet.Hj633_2012, AqiStandards.For(AqiSelection.ChinaByDate, lastOldHour.Start).RuleSet);
        Assert.Equal(AqiRuleSet.Hj633_2026, AqiStandards.For(AqiSelection.ChinaByDate, firstNewHour.Start).RuleSet);
    }

    [Fact]
    public void The_switch_is_in_china_time_whatever_the_deployments_zone()
    {
        Assert.Equal(AqiRuleSet.Hj633_2026,
            AqiStandards.For(AqiSelection.ChinaByDate, new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero)).RuleSet);
        Assert.Equal(AqiRuleSet.Hj633_2012,
            AqiStandards.For(AqiSelection.ChinaByDate, new DateTimeOffset(2026, 2, 28, 15, 59, 59, TimeSpan.Zero)).RuleSet);
    }

    [Theory]
    [InlineData(AqiSelection.Hj633_2012, AqiRuleSet.Hj633_2012)]
    [InlineData(AqiSelection.Hj633_2026, AqiRuleSet.Hj633_2026)]
    [InlineData(AqiSelection.UsEpa2024, AqiRuleSet.UsEpa2024)]
    public void A_pinned_selection_ignores_the_date(AqiSelection selection, AqiRuleSet expected)
    {
        Assert.Equal(expected, AqiStandards.For(selection, new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)).RuleSet);
        Assert.Equal(expected, AqiStandards.For(selection, new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero)).RuleSet);
    }

    [Theory]
    [InlineData(AqiRuleSet.Hj633_2012)]
    [InlineData(AqiRuleSet.Hj633_2026)]
    [InlineData(AqiRuleSet.UsEpa2024)]
    public void Rule_set_ids_round_trip(AqiRuleSet ruleSet)
    {
        Assert.True(AqiRuleSets.TryParseId(ruleSet.Id(), out var parsed));
        Assert.Equal(ruleSet, parsed);
        Assert.False(AqiRuleSets.TryParseId("HJ633-2099", out _));
    }
}
