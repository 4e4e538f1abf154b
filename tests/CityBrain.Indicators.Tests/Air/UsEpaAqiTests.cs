using CityBrain.Indicators.Air;

namespace CityBrain.Indicators.Tests.Air;

public sealed class UsEpaAqiTests
{
    private static readonly AqiStandard Epa = AqiStandards.UsEpa2024;

    /// <summary>Each band's lower and upper edge gives the band's own index edges, and one truncation unit above the
    /// upper edge is the next band's lower edge.</summary>
    public static TheoryData<string, Pollutant, Averaging, decimal, int> EveryBandEdge()
    {
        var data = new TheoryData<string, Pollutant, Averaging, decimal, int>();
        foreach (var column in ReferenceTables.Epa())
        {
            var bands = column.Bands.Select((band, i) => (Band: band, Index: i)).Where(b => b.Band is not null)
                .Select(b => (Band: b.Band!.Value, b.Index)).ToList();
            foreach (var (band, i) in bands)
            {
                var (indexLow, indexHigh) = ReferenceTables.EpaIndices[i];
                data.Add(column.Name, column.Measure.Pollutant, column.Measure.Averaging, band.Low, indexLow);
                data.Add(column.Name, column.Measure.Pollutant, column.Measure.Averaging, band.High, indexHigh);
            }
            // The next band's low edge, one truncation unit above this high edge, is the next band's own row.
            foreach (var (lower, upper) in bands.Zip(bands.Skip(1)).Where(p => p.Second.Index == p.First.Index + 1))
            {
                Assert.Equal(lower.Band.High + column.Step, upper.Band.Low);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryBandEdge))]
    public void Band_edges_give_the_bands_index_edges(string column, Pollutant pollutant, Averaging averaging, decimal native, int expected)
    {
        var measure = new Measure(pollutant, averaging);

        var sub = Epa.Evaluate(AqiPeriod.Day, new Dictionary<Measure, decimal> { [measure] = ReferenceTables.ProjectUnits(pollutant, native) })
            .SubIndices.SingleOrDefault(s => s.Item == measure);

        Assert.True(sub is not null, $"{column}: no sub-index for {native}");
        Assert.Equal(native, sub.Concentration);
        Assert.Equal(expected, sub.Index);
    }

    [Fact]
    public void Pm25_20_07_is_truncated_to_20_0_and_gives_71()
    {
        var sub = Assert.Single(Day((Measure.TwentyFourHours(Pollutant.Pm2_5), 20.07m)).SubIndices);

        Assert.Equal(20.0m, sub.Concentration);
        Assert.Equal(71, sub.Index);
    }

    [Fact]
    public void O3_8h_0_0725_ppm_gives_105_rounding_the_tie_up()
    {
        var sub = Assert.Single(Day((Measure.EightHours(Pollutant.O3), ReferenceTables.ProjectUnits(Pollutant.O3, 0.0725m))).SubIndices);

        Assert.Equal(0.072m, sub.Concentration);
        Assert.Equal("ppm", sub.Unit);
        Assert.Equal(105, sub.Index);
    }

    [Fact]
    public void Co_8h_10_07_ppm_gives_109()
    {
        var sub = Assert.Single(Day((Measure.EightHours(Pollutant.Co), ReferenceTables.ProjectUnits(Pollutant.Co, 10.07m))).SubIndices);

        Assert.Equal(10.0m, sub.Concentration);
        Assert.Equal(109, sub.Index);
    }

    [Fact]
    public void Micrograms_are_converted_at_25_degrees_before_truncation()
    {
        // 100 µg/m³ NO2 = 100 · 24.45 / 46.01 = 53.14 ppb → 53 ppb → 50.
        var sub = Assert.Single(Day((Measure.OneHour(Pollutant.No2), 100)).SubIndices);

        Assert.Equal(53, sub.Concentration);
        Assert.Equal("ppb", sub.Unit);
        Assert.Equal(50, sub.Index);
    }

    [Fact]
    public void The_higher_of_the_o3_8h_and_1h_indices_is_reported()
    {
        var result = Day(
            (Measure.EightHours(Pollutant.O3), ReferenceTables.ProjectUnits(Pollutant.O3, 0.080m)),
            (Measure.OneHour(Pollutant.O3), ReferenceTables.ProjectUnits(Pollutant.O3, 0.170m)));

        Assert.Equal(133, result.SubIndices.Single(s => s.Item.Averaging == Averaging.EightHours).Index);
        Assert.Equal(157, result.Aqi);
        Assert.Equal([Measure.OneHour(Pollutant.O3)], result.PrimaryPollutants);
    }

    [Fact]
    public void An_o3_hour_below_0_125_ppm_has_no_index_of_its_own()
    {
        var result = Day(
            (Measure.EightHours(Pollutant.O3), ReferenceTables.ProjectUnits(Pollutant.O3, 0.050m)),
            (Measure.OneHour(Pollutant.O3), ReferenceTables.ProjectUnits(Pollutant.O3, 0.124m)));

        Assert.Equal(Measure.EightHours(Pollutant.O3), Assert.Single(result.SubIndices).Item);
    }

    [Fact]
    public void An_o3_8h_above_0_200_ppm_leaves_o3s_index_to_the_1h_table()
    {
        var result = Day(
            (Measure.EightHours(Pollutant.O3), ReferenceTables.ProjectUnits(Pollutant.O3, 0.201m)),
            (Measure.OneHour(Pollutant.O3), ReferenceTables.ProjectUnits(Pollutant.O3, 0.300m)));

        var o3 = Assert.Single(result.SubIndices);
        Assert.Equal(Measure.OneHour(Pollutant.O3), o3.Item);
        Assert.Equal(248, o3.Index); // 99·0.095/0.199 + 201 = 248.26
        Assert.Equal([Measure.OneHour(Pollutant.O3)], result.PrimaryPollutants);
    }

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(4.5, 25)]
    [InlineData(9.0, 50)] // "Good", where HJ 633 would name none
    [InlineData(9.1, 51)]
    public void The_pollutant_with_the_highest_index_is_named_at_every_value(double pm25, int aqi)
    {
        var result = Day(
            (Measure.TwentyFourHours(Pollutant.Pm2_5), (decimal)pm25),
            (Measure.OneHour(Pollutant.No2), ReferenceTables.ProjectUnits(Pollutant.No2, 0)));

        Assert.Equal(aqi, result.Aqi);
        var expected = aqi == 0
            ? new[] { Measure.TwentyFourHours(Pollutant.Pm2_5), Measure.OneHour(Pollutant.No2) } // a tie at 0 names both
            : [Measure.TwentyFourHours(Pollutant.Pm2_5)];
        Assert.Equal(expected, result.PrimaryPollutants);
    }

    [Fact]
    public void An_so2_hour_above_304_ppb_is_read_in_the_24h_rows()
    {
        var result = Day(
            (Measure.OneHour(Pollutant.So2), ReferenceTables.ProjectUnits(Pollutant.So2, 305)),
            (Measure.TwentyFourHours(Pollutant.So2), ReferenceTables.ProjectUnits(Pollutant.So2, 400)));

        var sub = Assert.Single(result.SubIndices);
        Assert.Equal(Measure.TwentyFourHours(Pollutant.So2), sub.Source);
        Assert.Equal(232, sub.Index); // 99·95/299 + 201 = 232.45
    }

    [Theory]
    [InlineData(null)]
    [InlineData(200)]
    public void An_so2_hour_above_304_ppb_without_a_24h_value_in_the_rows_is_200(int? so2DayPpb)
    {
        var values = new Dictionary<Measure, decimal> { [Measure.OneHour(Pollutant.So2)] = ReferenceTables.ProjectUnits(Pollutant.So2, 400) };
        if (so2DayPpb is { } ppb) values[Measure.TwentyFourHours(Pollutant.So2)] = ReferenceTables.ProjectUnits(Pollutant.So2, ppb);

        var sub = Assert.Single(Epa.Evaluate(AqiPeriod.Hour, values).SubIndices);

        Assert.Equal(200, sub.Index);
        Assert.Equal(SubIndexBasis.FixedBySpecialRule, sub.Basis);
    }

    [Fact]
    public void Above_the_top_breakpoint_is_500_and_beyond_the_aqi()
    {
        var result = Day((Measure.TwentyFourHours(Pollutant.Pm2_5), 325.5m));

        Assert.Equal(500, result.Aqi);
        Assert.True(result.BeyondIndex);
        Assert.Equal("Hazardous", result.Category!.NameEn);
    }

    [Theory]
    [InlineData(50, "Good", "#00E400")]
    [InlineData(51, "Moderate", "#FFFF00")]
    [InlineData(101, "Unhealthy for Sensitive Groups", "#FF7E00")]
    [InlineData(151, "Unhealthy", "#FF0000")]
    [InlineData(201, "Very Unhealthy", "#8F3F97")]
    [InlineData(301, "Hazardous", "#7E0023")]
    public void Categories_carry_the_epa_names_and_colours(int aqi, string name, string colour)
    {
        var category = Epa.CategoryOf(aqi);

        Assert.Equal((name, colour), (category.NameEn, category.Colour));
    }

    [Fact]
    public void Results_carry_the_epa_rule_set()
    {
        Assert.Equal("EPA-AQI-2024", Day((Measure.TwentyFourHours(Pollutant.Pm10), 10)).RuleSet.Id());
    }

    private static AqiResult Day(params (Measure Measure, decimal Value)[] values) =>
        Epa.Evaluate(AqiPeriod.Day, values.ToDictionary(v => v.Measure, v => v.Value));
}
