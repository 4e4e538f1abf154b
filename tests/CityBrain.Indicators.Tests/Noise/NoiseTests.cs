using CityBrain.Indicators.Noise;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Indicators.Tests.Noise;

public sealed class NoiseTests
{
    private static readonly LocalCalendar China = LocalCalendar.China;
    private static readonly DateOnly Date = new(2026, 3, 1);

    private static ClockHour At(DateOnly date, int localHour) =>
        China.HourOf(new DateTimeOffset(date.ToDateTime(new TimeOnly(localHour, 30)), TimeSpan.FromHours(8)));

    [Fact]
    public void Sixty_and_seventy_decibels_average_to_67_4_not_65()
    {
        Assert.Equal(67.4, Decibels.Round(Decibels.EnergyMean([60, 70])!.Value));
    }

    [Fact]
    public void Ld_62_and_ln_54_give_an_ldn_of_62_8()
    {
        Assert.Equal(62.8, Decibels.Round(Decibels.DayNight(62, 54)));
    }

    [Theory]
    [InlineData("0", 50, 40)]
    [InlineData("1", 55, 45)]
    [InlineData("2", 60, 50)]
    [InlineData("3", 65, 55)]
    [InlineData("4a", 70, 55)]
    [InlineData("4b", 70, 60)]
    public void Limits_follow_gb_3096_table_1(string code, double day, double night)
    {
        var zone = NoiseZones.Parse(code);

        Assert.Equal((day, night), (zone.Limit(NoisePeriod.Day), zone.Limit(NoisePeriod.Night)));
        Assert.Equal(code, zone.Code());
    }

    [Theory]
    [InlineData(50.0, 50.0, false)]
    [InlineData(50.04, 50.0, false)]
    [InlineData(50.05, 50.0, false)] // half to even: reported 50.0, which does not exceed 50
    [InlineData(50.06, 50.1, true)]
    [InlineData(50.15, 50.2, true)]
    public void A_level_exceeds_only_when_its_reported_value_is_strictly_above_the_limit(double level, double reported, bool exceeds)
    {
        var assessment = NoiseZone.Class2.Assess(NoisePeriod.Night, level);

        Assert.Equal((reported, 50.0, exceeds), (assessment.Level, assessment.Limit, assessment.Exceeds));
        Assert.Equal(exceeds ? Decibels.Round(reported - 50) : 0, assessment.Excess);
    }

    [Theory]
    [InlineData("4")]
    [InlineData("")]
    [InlineData(null)]
    public void An_unknown_zone_class_is_refused_with_the_valid_ones_named(string? code)
    {
        var error = Assert.Throws<FormatException>(() => NoiseZones.Parse(code));

        Assert.Contains("0, 1, 2, 3, 4a or 4b", error.Message);
    }

    [Fact]
    public void The_night_of_a_date_runs_from_its_evening_to_the_next_morning()
    {
        var schedule = NoiseSchedule.Default;

        var night = schedule.NightHours(China, Date);

        Assert.Equal(8, night.Count);
        Assert.Equal("2026-03-01 23:00", night[0].Label);
        Assert.Equal("2026-03-02 06:00", night[^1].Label);
        Assert.Equal(16, schedule.DayHours(China, Date).Count);
        Assert.Equal(Date, schedule.DateOf(At(Date.AddDays(1), 5)));
        Assert.Equal(NoisePeriod.Night, schedule.PeriodOf(At(Date.AddDays(1), 5)));
        Assert.Equal(NoisePeriod.Day, schedule.PeriodOf(At(Date.AddDays(1), 6)));
        Assert.Equal(Date.AddDays(-1), schedule.DateOf(At(Date, 0)));
    }

    [Fact]
    public void Ld_ln_and_ldn_of_a_date_take_their_own_hours_only()
    {
        var schedule = NoiseSchedule.Default;
        var values = new Dictionary<DateTimeOffset, double>();
        foreach (var hour in China.HoursOf(Date).Concat(China.HoursOf(Date.AddDays(1))))
        {
            // The small hours of 1 March belong to the night of 28 February: loud, and irrelevant here.
            values[hour.Start] = schedule.DateOf(hour) != Date ? 99 : schedule.PeriodOf(hour) == NoisePeriod.Day ? 62 : 54;
        }

        var daily = DailyNoise.Compute(China, schedule, Date, new HourlySeries(values));

        Assert.Equal(62, daily.Day.Value!.Value, 9);
        Assert.Equal(54, daily.Night.Value!.Value, 9);
        Assert.Equal(62.8, Decibels.Round(daily.DayNight!.Value));
        var (day, night) = daily.Assess(NoiseZone.Class2);
        Assert.Equal((62.0, true, 54.0, true), (day!.Level, day.Exceeds, night!.Level, night.Exceeds));
        Assert.Equal((false, false), (daily.Assess(NoiseZone.Class3).Day!.Exceeds, daily.Assess(NoiseZone.Class3).Night!.Exceeds));
    }

    [Theory]
    [InlineData(12, 6, true, true)]
    [InlineData(11, 6, false, true)]
    [InlineData(12, 5, true, false)]
    public void Ld_needs_12_of_16_hours_and_ln_6_of_8(int dayHours, int nightHours, bool dayValid, bool nightValid)
    {
        var schedule = NoiseSchedule.Default;
        var hours = schedule.DayHours(China, Date).Take(dayHours).Concat(schedule.NightHours(China, Date).Take(nightHours));

        var daily = DailyNoise.Compute(China, schedule, Date, new HourlySeries(hours.Select(h => KeyValuePair.Create(h.Start, 55.0))));

        Assert.Equal((dayValid, nightValid), (daily.Day.IsValid, daily.Night.IsValid));
        Assert.Equal(dayValid && nightValid, daily.DayNight is not null);
    }

    [Fact]
    public void A_city_may_set_other_day_and_night_hours()
    {
        var schedule = new NoiseSchedule(7, 23);

        Assert.Equal(16, schedule.DayHours(China, Date).Count);
        Assert.Equal("2026-03-01 24:00", schedule.NightHours(China, Date)[0].Label);
        Assert.Equal(NoisePeriod.Night, schedule.PeriodOf(At(Date, 6)));
        Assert.Throws<ArgumentException>(() => new NoiseSchedule(22, 6));
    }
}
