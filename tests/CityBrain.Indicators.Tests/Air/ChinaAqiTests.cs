using CityBrain.Indicators.Air;

namespace CityBrain.Indicators.Tests.Air;

public sealed class ChinaAqiTests
{
    private static readonly Measure So2Hour = Measure.OneHour(Pollutant.So2);
    private static readonly Measure So2Day = Measure.TwentyFourHours(Pollutant.So2);
    private static readonly Measure O3Hour = Measure.OneHour(Pollutant.O3);
    private static readonly Measure O3EightHours = Measure.EightHours(Pollutant.O3);
    private static readonly Measure Pm25Hour = Measure.OneHour(Pollutant.Pm2_5);
    private static readonly Measure Pm10Hour = Measure.OneHour(Pollutant.Pm10);
    private static readonly Measure Pm25Day = Measure.TwentyFourHours(Pollutant.Pm2_5);

    private static AqiResult Hour(AqiStandard standard, params (Measure Measure, decimal Value)[] values) =>
        standard.Evaluate(AqiPeriod.Hour, values.ToDictionary(v => v.Measure, v => v.Value));

    private static AqiResult Day(AqiStandard standard, params (Measure Measure, decimal Value)[] values) =>
        standard.Evaluate(AqiPeriod.Day, values.ToDictionary(v => v.Measure, v => v.Value));

    [Fact]
    public void Daily_means_worked_example_gives_69_under_2012_and_80_under_2026()
    {
        (Measure, decimal)[] means =
        [
            (Measure.TwentyFourHours(Pollutant.Pm2_5), 50), (Measure.TwentyFourHours(Pollutant.Pm10), 80),
            (Measure.TwentyFourHours(Pollutant.No2), 30), (O3EightHours, 120),
        ];

        var old = Day(AqiStandards.Hj633_2012, means);
        var current = Day(AqiStandards.Hj633_2026, means);

        Assert.Equal([69, 65, 38, 67], IndicesOf(old, means));
        Assert.Equal(69, old.Aqi);
        Assert.Equal([80, 72, 38, 67], IndicesOf(current, means));
        Assert.Equal(80, current.Aqi);
        foreach (var result in new[] { old, current })
        {
            Assert.Equal([Measure.TwentyFourHours(Pollutant.Pm2_5)], result.PrimaryPollutants);
            Assert.Equal("良", result.Category!.NameZh);
            Assert.Empty(result.ExceedingPollutants);
        }
        Assert.Equal(AqiRuleSet.Hj633_2012, old.RuleSet);
        Assert.Equal(AqiRuleSet.Hj633_2026, current.RuleSet);
    }

    [Theory]
    [InlineData(AqiRuleSet.Hj633_2012)]
    [InlineData(AqiRuleSet.Hj633_2026)]
    public void Co_66_9_gives_exactly_223_where_double_arithmetic_gives_224(AqiRuleSet version)
    {
        var result = Hour(AqiStandards.Get(version), (Measure.OneHour(Pollutant.Co), 66.9m));

        Assert.Equal(223, result.Aqi);
    }

    [Theory]
    [InlineData(AqiRuleSet.Hj633_2012)]
    [InlineData(AqiRuleSet.Hj633_2026)]
    public void Pm25_21_gives_exactly_30_where_dividing_first_gives_31(AqiRuleSet version)
    {
        Assert.Equal(30, Hour(AqiStandards.Get(version), (Pm25Hour, 21)).Aqi);
    }

    [Theory]
    [InlineData(22.5, 22)]
    [InlineData(23.5, 24)]
    [InlineData(22.51, 23)]
    public void Concentrations_are_rounded_half_to_even_before_the_index(decimal pm25, int rounded)
    {
        var sub = Assert.Single(Hour(AqiStandards.Hj633_2026, (Pm25Hour, pm25)).SubIndices);

        Assert.Equal(rounded, sub.Concentration);
    }

    [Fact]
    public void Co_is_rounded_to_a_tenth_half_to_even()
    {
        var sub = Assert.Single(Hour(AqiStandards.Hj633_2026, (Measure.OneHour(Pollutant.Co), 1.25m)).SubIndices);

        Assert.Equal(1.2m, sub.Concentration);
        Assert.Equal("mg/m³", sub.Unit);
    }

    [Fact]
    public void Under_2012_an_so2_hour_above_800_is_read_as_the_24h_value()
    {
        var result = Hour(AqiStandards.Hj633_2012, (So2Hour, 801), (So2Day, 300));

        var sub = Assert.Single(result.SubIndices);
        Assert.Equal(So2Hour, sub.Item);
        Assert.Equal(So2Day, sub.Source);
        Assert.Equal(SubIndexBasis.Substituted, sub.Basis);
        Assert.Equal(124, sub.Index); // 50·150/325 + 100 = 123.08
        Assert.Equal(150, sub.Limit);
    }

    [Fact]
    public void Under_2012_an_so2_hour_above_800_without_a_24h_value_has_no_index()
    {
        Assert.Null(Hour(AqiStandards.Hj633_2012, (So2Hour, 801)).Aqi);
    }

    [Theory]
    [InlineData(AqiRuleSet.Hj633_2012, 800.5)] // rounds half to even to 800: still inside the column
    [InlineData(AqiRuleSet.Hj633_2026, 800.5)]
    [InlineData(AqiRuleSet.Hj633_2012, 800)]
    public void An_so2_hour_of_800_after_rounding_is_200_from_its_own_column(AqiRuleSet version, decimal so2)
    {
        var sub = Assert.Single(Hour(AqiStandards.Get(version), (So2Hour, so2), (So2Day, 300)).SubIndices);

        Assert.Equal(200, sub.Index);
        Assert.Equal(SubIndexBasis.Interpolated, sub.Basis);
    }

    [Theory]
    [InlineData(801)]
    [InlineData(5000)]
    public void Under_2026_an_so2_hour_above_800_is_200(decimal so2)
    {
        var sub = Assert.Single(Hour(AqiStandards.Hj633_2026, (So2Hour, so2), (So2Day, 2000)).SubIndices);

        Assert.Equal(200, sub.Index);
        Assert.Equal(SubIndexBasis.FixedBySpecialRule, sub.Basis);
        Assert.Equal(So2Hour, sub.Source);
    }

    [Fact]
    public void Under_2012_an_o3_8h_above_800_hands_o3s_one_sub_index_to_the_daily_max_hour()
    {
        var result = Day(AqiStandards.Hj633_2012, (O3EightHours, 801), (O3Hour, 900), (Pm25Day, 80));

        // Table 1 note 3: the 8h value gets no sub-index; O3's comes from the 1h value, counted once.
        var o3 = Assert.Single(result.SubIndices, s => s.Item.Pollutant == Pollutant.O3);
        Assert.Equal(O3Hour, o3.Item);
        Assert.Equal(O3Hour, o3.Source);
        Assert.Equal(350, o3.Index); // 100·100/200 + 300
        Assert.Equal(SubIndexBasis.Interpolated, o3.Basis);
        Assert.Equal(350, result.Aqi);
        Assert.Equal([O3Hour], result.PrimaryPollutants);
        Assert.Equal([O3Hour, Pm25Day], result.ExceedingPollutants);
    }

    [Fact]
    public void Under_2012_an_o3_8h_above_800_without_the_hour_has_no_o3_index()
    {
        var result = Day(AqiStandards.Hj633_2012, (O3EightHours, 801), (Pm25Day, 30));

        Assert.DoesNotContain(result.SubIndices, s => s.Item.Pollutant == Pollutant.O3);
        Assert.Equal(43, result.Aqi); // PM2.5 30·50/35 = 42.9
    }

    [Fact]
    public void Under_2012_an_o3_8h_of_800_keeps_its_own_sub_index_beside_the_hour()
    {
        var result = Day(AqiStandards.Hj633_2012, (O3EightHours, 800), (O3Hour, 900));

        Assert.Equal(300, result.SubIndices.Single(s => s.Item == O3EightHours).Index);
        Assert.Equal(350, result.SubIndices.Single(s => s.Item == O3Hour).Index);
    }

    [Fact]
    public void Under_2026_an_o3_8h_above_800_is_300()
    {
        var result = Day(AqiStandards.Hj633_2026, (O3EightHours, 801), (O3Hour, 900));

        var eightHours = result.SubIndices.Single(s => s.Item == O3EightHours);
        Assert.Equal(300, eightHours.Index);
        Assert.Equal(SubIndexBasis.FixedBySpecialRule, eightHours.Basis);
        // The daily maximum hour is an item of the daily report too (the documented decision), and here it is higher.
        Assert.Equal(350, result.Aqi);
        Assert.Equal([O3Hour], result.PrimaryPollutants);
    }

    [Fact]
    public void The_daily_report_reads_the_o3_daily_max_hour_as_an_item()
    {
        var result = Day(AqiStandards.Hj633_2026, (O3EightHours, 150), (O3Hour, 420));

        Assert.Equal(205, result.Aqi); // 1h: 100·20/400 + 200; 8h: 92
        Assert.Equal([O3Hour], result.PrimaryPollutants);
    }

    [Fact]
    public void The_real_time_report_reads_pm_hours_in_the_24h_column_and_ignores_24h_means()
    {
        var result = Hour(AqiStandards.Hj633_2026, (Pm25Hour, 60), (Measure.TwentyFourHours(Pollutant.Pm2_5), 500));

        Assert.Equal(100, Assert.Single(result.SubIndices).Index);
    }

    [Fact]
    public void Tied_pollutants_are_all_primary()
    {
        var result = Hour(AqiStandards.Hj633_2026, (Pm25Hour, 60), (Pm10Hour, 120), (Measure.OneHour(Pollutant.No2), 100));

        Assert.Equal(100, result.Aqi);
        Assert.Equal([Pm10Hour, Pm25Hour], result.PrimaryPollutants.OrderBy(m => m.Pollutant));
        Assert.Empty(result.ExceedingPollutants);
    }

    [Theory]
    [InlineData(35, 50, false)]
    [InlineData(36, 52, true)]
    public void A_primary_pollutant_exists_only_above_50(decimal pm25, int aqi, bool hasPrimary)
    {
        var result = Hour(AqiStandards.Hj633_2026, (Pm25Hour, pm25), (Measure.OneHour(Pollutant.No2), 20));

        Assert.Equal(aqi, result.Aqi);
        Assert.Equal(hasPrimary, result.PrimaryPollutants.Count > 0);
    }

    [Theory]
    [InlineData(60, false)]
    [InlineData(61, true)]
    public void A_pollutant_exceeds_when_its_index_is_above_100(decimal pm25, bool exceeds)
    {
        var result = Hour(AqiStandards.Hj633_2026, (Pm25Hour, pm25));

        Assert.Equal(exceeds, result.ExceedingPollutants.Contains(Pm25Hour));
        Assert.Equal(60, Assert.Single(result.SubIndices).Limit);
    }

    [Fact]
    public void Without_any_concentration_there_is_no_aqi()
    {
        var result = AqiStandards.Hj633_2026.Evaluate(AqiPeriod.Day, new Dictionary<Measure, decimal>());

        Assert.Null(result.Aqi);
        Assert.Null(result.Category);
        Assert.Empty(result.PrimaryPollutants);
    }

    [Theory]
    [InlineData(0, 1, "优", "#00E400")]
    [InlineData(50, 1, "优", "#00E400")]
    [InlineData(51, 2, "良", "#FFFF00")]
    [InlineData(100, 2, "良", "#FFFF00")]
    [InlineData(101, 3, "轻度污染", "#FF7E00")]
    [InlineData(150, 3, "轻度污染", "#FF7E00")]
    [InlineData(151, 4, "中度污染", "#FF0000")]
    [InlineData(200, 4, "中度污染", "#FF0000")]
    [InlineData(201, 5, "重度污染", "#99004C")]
    [InlineData(300, 5, "重度污染", "#99004C")]
    [InlineData(301, 6, "严重污染", "#7E0023")]
    [InlineData(500, 6, "严重污染", "#7E0023")]
    public void Categories_follow_table_2(int aqi, int level, string name, string colour)
    {
        foreach (var standard in new[] { AqiStandards.Hj633_2012, AqiStandards.Hj633_2026 })
        {
            var category = standard.CategoryOf(aqi);
            Assert.Equal((level, name, colour), (category.Level, category.NameZh, category.Colour));
            Assert.False(string.IsNullOrWhiteSpace(category.AdviceZh));
        }
    }

    [Fact]
    public void Each_report_lists_the_inputs_it_may_read()
    {
        Assert.Contains(So2Day, AqiStandards.Hj633_2012.Inputs(AqiPeriod.Hour));
        Assert.DoesNotContain(So2Day, AqiStandards.Hj633_2026.Inputs(AqiPeriod.Hour));
        Assert.Equal(7, AqiStandards.Hj633_2026.Inputs(AqiPeriod.Day).Count);
    }

    private static int[] IndicesOf(AqiResult result, (Measure Measure, decimal)[] order) =>
        [.. order.Select(o => result.SubIndices.Single(s => s.Item == o.Measure).Index)];
}
