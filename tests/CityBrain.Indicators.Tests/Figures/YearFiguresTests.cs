using CityBrain.Indicators.Figures;

namespace CityBrain.Indicators.Tests.Figures;

public class YearFiguresTests
{
    private static readonly DateOnly AsOf = new(2026, 3, 31);

    [Fact]
    public void Days_are_counted_good_up_to_100_and_heavy_above_200_over_the_days_that_have_an_aqi()
    {
        var days = new Dictionary<DateOnly, DailyAir>
        {
            [new(2026, 3, 1)] = new(100, 40),
            [new(2026, 3, 2)] = new(101, 60),
            [new(2026, 3, 3)] = new(200, null),
            [new(2026, 3, 4)] = new(201, 150),
            [new(2026, 3, 5)] = new(null, 20),
            [new(2026, 2, 28)] = new(300, 200),
        };

        var counted = AirDays.Count(new(2026, 3, 1), new(2026, 3, 10), days);

        Assert.Equal(10, counted.Days);
        Assert.Equal(4, counted.ValidDays);
        Assert.Equal(1, counted.GoodDays);
        Assert.Equal(1, counted.HeavyPollutionDays);
        Assert.Equal(0.25, counted.GoodDayShare);
        Assert.Equal(4, counted.Pm25Days);
        Assert.Equal((40 + 60 + 150 + 20) / 4.0, counted.Pm25Mean!.Value, 9);
    }

    [Fact]
    public void A_span_without_values_has_no_share_and_no_mean_never_zero()
    {
        var counted = AirDays.Count(new(2026, 1, 1), new(2026, 1, 31), new Dictionary<DateOnly, DailyAir>());

        Assert.Equal(31, counted.Days);
        Assert.Null(counted.GoodDayShare);
        Assert.Null(counted.Pm25Mean);
    }

    [Fact]
    public void The_year_and_month_so_far_are_set_against_the_same_days_before_and_pm25_against_its_target()
    {
        var days = new Dictionary<DateOnly, DailyAir>();
        for (var day = YearFigures.EarliestDay(AsOf); day <= AsOf; day = day.AddDays(1))
        {
            // 2025: every day good with PM2.5 40; 2026: every other day light pollution, PM2.5 30.
            days[day] = day.Year == 2025 ? new(80, 40) : day.Day % 2 == 0 ? new(120, 30) : new(90, 30);
        }

        var figures = YearFigures.Of(AsOf, days, pm25Target: 32);

        Assert.Equal(new DateOnly(2026, 1, 1), figures.YearToDate.From);
        Assert.Equal(90, figures.YearToDate.Days);
        Assert.Equal(new DateOnly(2025, 1, 1), figures.YearBefore.From);
        Assert.Equal(new DateOnly(2025, 3, 31), figures.YearBefore.To);
        Assert.Equal(1.0, figures.YearBefore.GoodDayShare);
        // March 31st is compared with all 28 days of February.
        Assert.Equal(new DateOnly(2026, 2, 1), figures.MonthBefore.From);
        Assert.Equal(new DateOnly(2026, 2, 28), figures.MonthBefore.To);
        Assert.Equal(31, figures.MonthToDate.Days);
        Assert.Equal(-0.25, figures.Pm25YearOnYear!.Value, 9);
        Assert.Equal(30.0 / 32 - 1, figures.Pm25AgainstTarget!.Value, 9);
        Assert.Equal(figures.YearToDate.GoodDayShare!.Value - 1, figures.GoodDayShareYearOnYear!.Value, 9);
        Assert.Equal(16.0 / 31 - 14.0 / 28, figures.GoodDayShareMonthOnMonth!.Value, 9);
        Assert.Equal(0, figures.Pm25MonthOnMonth!.Value, 9);
    }

    [Fact]
    public void Without_last_years_values_the_year_on_year_changes_are_unknown()
    {
        var days = new Dictionary<DateOnly, DailyAir> { [AsOf] = new(50, 20) };

        var figures = YearFigures.Of(AsOf, days, 35);

        Assert.Null(figures.Pm25YearOnYear);
        Assert.Null(figures.GoodDayShareYearOnYear);
        Assert.Equal(1.0, figures.YearToDate.GoodDayShare);
    }

    [Fact]
    public void In_january_the_month_before_is_last_december()
    {
        var figures = YearFigures.Of(new DateOnly(2027, 1, 5), new Dictionary<DateOnly, DailyAir>(), 35);

        Assert.Equal(new DateOnly(2026, 12, 1), figures.MonthBefore.From);
        Assert.Equal(new DateOnly(2026, 12, 5), figures.MonthBefore.To);
        Assert.True(YearFigures.EarliestDay(new DateOnly(2027, 1, 5)) <= figures.MonthBefore.From);
    }
}
