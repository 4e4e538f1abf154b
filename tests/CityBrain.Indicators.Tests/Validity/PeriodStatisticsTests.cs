using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Tests.Validity;

public sealed class PeriodStatisticsTests
{
    private static readonly LocalCalendar China = LocalCalendar.China;
    private static readonly DateOnly Day = new(2026, 3, 1);

    /// <summary>Values for the day's hours with the given end-labelled numbers.</summary>
    internal static HourlySeries DayHours(IEnumerable<int> numbers, Func<int, double> value, DateOnly? day = null) =>
        new(China.HoursOf(day ?? Day).Where(h => numbers.Contains(h.Number)).Select(h => KeyValuePair.Create(h.Start, value(h.Number))));

    [Theory]
    [InlineData(20, true)]
    [InlineData(19, false)]
    public void A_daily_mean_needs_20_hourly_values(int hours, bool valid)
    {
        var series = DayHours(Enumerable.Range(1, hours), n => n);

        var mean = PeriodStatistics.DailyMean(China, Day, series);

        Assert.Equal(valid, mean.IsValid);
        Assert.Equal(hours, mean.Count);
        Assert.Equal(20, mean.Required);
        // Divided by the hours present, never by 24; an invalid day has no value at all, not 0.
        Assert.Equal(valid ? (hours + 1) / 2.0 : null, mean.Value);
    }

    [Fact]
    public void A_daily_mean_takes_only_the_hours_of_the_china_day()
    {
        var hours = China.HoursOf(Day).Select(h => KeyValuePair.Create(h.Start, 10.0))
            .Concat(China.HoursOf(Day.AddDays(1)).Select(h => KeyValuePair.Create(h.Start, 1000.0)));

        Assert.Equal(10, PeriodStatistics.DailyMean(China, Day, new HourlySeries(hours)).Value);
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(5, false)]
    public void An_8h_mean_needs_6_hourly_values_and_reaches_into_the_previous_day(int present, bool valid)
    {
        var end = China.HoursOf(Day)[2]; // 03:00: the window starts at 20:00 the day before
        var window = China.HoursEndingAt(end, 8);
        var series = new HourlySeries(window.Take(present).Select(h => KeyValuePair.Create(h.Start, 100.0)));

        var mean = PeriodStatistics.EightHourMean(China, end, series);

        Assert.Equal(valid, mean.IsValid);
        Assert.Equal(present, mean.Count);
    }

    [Theory]
    [InlineData(19, 100, StatisticValidity.Valid, 14)]          // windows ending 08 … 21
    [InlineData(18, 100, StatisticValidity.Insufficient, 13)]
    [InlineData(18, 161, StatisticValidity.ValidByExceedance, 13)]
    [InlineData(18, 160.4, StatisticValidity.Insufficient, 13)] // 160 after rounding: not above the limit
    [InlineData(18, 160.5, StatisticValidity.Insufficient, 13)] // half to even: 160
    [InlineData(18, 161.5, StatisticValidity.ValidByExceedance, 13)]
    public void The_o3_daily_max_8h_needs_14_windows_unless_it_exceeds_the_limit(int hours, double level, StatisticValidity validity, int windows)
    {
        var series = DayHours(Enumerable.Range(1, hours), _ => level);

        var max = PeriodStatistics.DailyMaxEightHourMean(China, Day, series, ValidityRules.Default.DailyMaxEightHourExceedanceLimit);

        Assert.Equal(validity, max.Validity);
        Assert.Equal(windows, max.Count);
        Assert.Equal(validity == StatisticValidity.Insufficient ? null : level, max.Value);
    }

    [Fact]
    public void The_o3_daily_max_8h_is_the_largest_window_ending_at_08_or_later()
    {
        // Hours 1-7 are very high but only windows ending at 08:00 … 24:00 count; 08:00's window is hours 1-8.
        var series = DayHours(Enumerable.Range(1, 24), n => n <= 7 ? 800 : 80);

        var max = PeriodStatistics.DailyMaxEightHourMean(China, Day, series, 160);

        Assert.Equal((7 * 800 + 80) / 8.0, max.Value);
        Assert.Equal(17, max.Count);
    }

    [Fact]
    public void Without_the_exception_a_short_day_stays_invalid_however_high()
    {
        var series = DayHours(Enumerable.Range(1, 18), _ => 1000);

        Assert.False(PeriodStatistics.DailyMaxEightHourMean(China, Day, series, exceedanceLimit: null).IsValid);
    }

    [Theory]
    [InlineData(1, 27, true)]
    [InlineData(1, 26, false)]
    [InlineData(2, 25, true)]
    [InlineData(2, 24, false)]
    public void A_monthly_mean_needs_27_days_and_february_25(int month, int days, bool valid)
    {
        var daily = Enumerable.Range(1, days).ToDictionary(d => new DateOnly(2026, month, d), d => 40.0);
        daily[new DateOnly(2026, month + 1, 1)] = 1000; // the next month does not count

        var mean = PeriodStatistics.MonthlyMean(2026, month, daily);

        Assert.Equal(valid, mean.IsValid);
        Assert.Equal(valid ? 40 : null, mean.Value);
    }

    [Theory]
    [InlineData(324, true)]
    [InlineData(323, false)]
    public void An_annual_mean_needs_324_days(int days, bool valid)
    {
        var daily = Enumerable.Range(0, days).ToDictionary(d => new DateOnly(2026, 1, 1).AddDays(d), d => 30.0);

        Assert.Equal(valid, PeriodStatistics.AnnualMean(2026, daily).IsValid);
    }

    [Theory]
    [InlineData(new double[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 }, 95, 9.55)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 50, 2.5)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 100, 4)]
    [InlineData(new double[] { 7 }, 90, 7)]
    public void Percentiles_follow_the_hj_663_formula(double[] values, double p, double expected)
    {
        Assert.Equal(expected, PeriodStatistics.Percentile(values, (decimal)p)!.Value, 9);
    }

    [Fact]
    public void A_percentile_on_an_exact_rank_takes_that_value()
    {
        // n = 21, p = 95: k = 1 + 20·0.95 = 20 exactly, so the 95th percentile is X(20).
        var values = Enumerable.Range(1, 21).Select(i => i * 10.0);

        Assert.Equal(200, PeriodStatistics.Percentile(values, 95));
        Assert.Null(PeriodStatistics.Percentile([], 95));
    }
}
