using CityBrain.Indicators.Air;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Tests.Air;

public sealed class AirInputsTests
{
    private static readonly LocalCalendar China = LocalCalendar.China;
    private static readonly DateOnly Day = new(2026, 3, 1);

    private static HourlySeries Constant(double value, DateOnly day, int hours = 24) =>
        new(China.HoursOf(day).Take(hours).Select(h => KeyValuePair.Create(h.Start, value)));

    [Fact]
    public void A_co_hour_of_66_9_from_double_arithmetic_still_gives_223()
    {
        var hour = China.HoursOf(Day)[10];
        // 0.1 + 66.8 is 66.89999999999999 in double: the decimal conversion must not turn it into 66.8.
        var series = new HourlySeries([KeyValuePair.Create(hour.Start, 0.1 + 66.8)]);

        var inputs = AirInputs.ForHour(China, hour, new Dictionary<Pollutant, HourlySeries> { [Pollutant.Co] = series });

        Assert.Equal(66.9m, inputs.Concentrations[Measure.OneHour(Pollutant.Co)]);
        Assert.Equal(223, AqiStandards.Hj633_2026.Evaluate(AqiPeriod.Hour, inputs.Concentrations).Aqi);
    }

    [Fact]
    public void The_hour_carries_its_value_and_the_moving_means_ending_at_it()
    {
        var hour = China.HoursOf(Day)[1]; // 02:00: the 24h window reaches 22 hours into the previous day
        var so2 = new HourlySeries(China.HoursOf(Day.AddDays(-1)).Concat(China.HoursOf(Day))
            .Select(h => KeyValuePair.Create(h.Start, h.Day == Day ? 900.0 : 100.0)));

        var inputs = AirInputs.ForHour(China, hour, new Dictionary<Pollutant, HourlySeries> { [Pollutant.So2] = so2 });

        Assert.Equal(900, inputs.Concentrations[Measure.OneHour(Pollutant.So2)]);
        Assert.Equal((22 * 100 + 2 * 900) / 24.0, inputs.Statistics[Measure.TwentyFourHours(Pollutant.So2)].Value!.Value, 9);
        // 2012 reads SO2 above 800 as that 24h moving mean (167 → IAQI 103); 2026 fixes it at 200.
        Assert.Equal(103, AqiStandards.Hj633_2012.Evaluate(AqiPeriod.Hour, inputs.Concentrations).Aqi);
        Assert.Equal(200, AqiStandards.Hj633_2026.Evaluate(AqiPeriod.Hour, inputs.Concentrations).Aqi);
    }

    [Fact]
    public void A_missing_hour_gives_no_concentration_but_an_explicit_invalid_statistic()
    {
        var hour = China.HoursOf(Day)[12];

        var inputs = AirInputs.ForHour(China, hour, new Dictionary<Pollutant, HourlySeries> { [Pollutant.Pm2_5] = Constant(50, Day, hours: 12) });

        Assert.False(inputs.Concentrations.ContainsKey(Measure.OneHour(Pollutant.Pm2_5)));
        Assert.False(inputs.Statistics[Measure.OneHour(Pollutant.Pm2_5)].IsValid);
        Assert.Null(AqiStandards.Hj633_2026.Evaluate(AqiPeriod.Hour, inputs.Concentrations).Aqi);
    }

    [Fact]
    public void A_day_reads_24h_means_and_the_o3_maxima()
    {
        var hourly = new Dictionary<Pollutant, HourlySeries>
        {
            [Pollutant.Pm2_5] = Constant(50, Day),
            [Pollutant.Pm10] = Constant(80, Day),
            [Pollutant.No2] = Constant(30, Day),
            [Pollutant.O3] = Constant(120, Day),
        };

        var inputs = AirInputs.ForDay(China, Day, hourly);
        var result = AqiStandards.Hj633_2026.Evaluate(AqiPeriod.Day, inputs.Concentrations);

        Assert.Equal(120, inputs.Concentrations[Measure.EightHours(Pollutant.O3)]);
        Assert.Equal(120, inputs.Concentrations[Measure.OneHour(Pollutant.O3)]);
        Assert.Equal(80, result.Aqi);
        Assert.Equal(AqiRuleSet.Hj633_2026, result.RuleSet);
    }

    [Fact]
    public void A_day_with_19_hours_has_no_24h_mean_and_so_no_daily_index_for_it()
    {
        var inputs = AirInputs.ForDay(China, Day, new Dictionary<Pollutant, HourlySeries> { [Pollutant.Pm2_5] = Constant(50, Day, hours: 19) });

        Assert.Empty(inputs.Concentrations);
        Assert.Equal(19, inputs.Statistics[Measure.TwentyFourHours(Pollutant.Pm2_5)].Count);
        Assert.Null(AqiStandards.Hj633_2026.Evaluate(AqiPeriod.Day, inputs.Concentrations).Aqi);
    }

    [Fact]
    public void The_epa_reads_the_same_inputs_as_its_own_items()
    {
        var hourly = new Dictionary<Pollutant, HourlySeries> { [Pollutant.Pm2_5] = Constant(20.07, Day), [Pollutant.Co] = Constant(1, Day) };

        var inputs = AirInputs.ForDay(China, Day, hourly);
        var result = AqiStandards.UsEpa2024.Evaluate(AqiPeriod.Day, inputs.Concentrations);

        Assert.Equal(71, result.Aqi);
        Assert.Contains(result.SubIndices, s => s.Item == Measure.EightHours(Pollutant.Co));
    }

    [Fact]
    public void A_series_read_back_from_history_skips_invalid_hours()
    {
        var hours = China.HoursOf(Day);
        HistoryPoint[] points =
        [
            new(HistoryScope.District, "haidian", "pm2_5", HistoryResolution.Hour, hours[0].Start, 40, 60),
            new(HistoryScope.District, "haidian", "pm2_5", HistoryResolution.Hour, hours[1].Start, null, 20),
        ];

        var series = HourlySeries.From(points);

        Assert.Equal(1, series.Count);
        Assert.True(series.TryGet(hours[0], out var value) && value == 40);
        Assert.False(series.TryGet(hours[1], out _));
    }
}
