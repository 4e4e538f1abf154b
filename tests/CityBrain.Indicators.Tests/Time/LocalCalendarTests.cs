using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Tests.Time;

public sealed class LocalCalendarTests
{
    private static readonly LocalCalendar China = LocalCalendar.China;

    [Fact]
    public void Hours_are_labelled_by_their_end_and_the_last_belongs_to_its_day()
    {
        var first = China.HourOf(new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.Zero)); // 00:00 CST, 2 March
        var last = China.HourOf(new DateTimeOffset(2026, 3, 1, 15, 59, 59, TimeSpan.Zero)); // 23:59:59 CST, 1 March

        Assert.Equal("2026-03-02 01:00", first.Label);
        Assert.Equal(1, first.Number);
        Assert.Equal("2026-03-01 24:00", last.Label);
        Assert.Equal(new DateOnly(2026, 3, 1), last.Day);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 15, 0, 0, TimeSpan.Zero), last.Start);
    }

    [Fact]
    public void A_utc_timestamp_belongs_to_the_china_day_eight_hours_ahead()
    {
        Assert.Equal(new DateOnly(2026, 3, 2), China.DayOf(new DateTimeOffset(2026, 3, 1, 16, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 3, 1), China.DayOf(new DateTimeOffset(2026, 3, 1, 15, 59, 59, TimeSpan.Zero)));
    }

    [Fact]
    public void A_natural_day_has_24_hours_from_local_midnight()
    {
        var hours = China.HoursOf(new DateOnly(2026, 3, 1));

        Assert.Equal(24, hours.Count);
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 16, 0, 0, TimeSpan.Zero), hours[0].Start);
        Assert.Equal(Enumerable.Range(1, 24), hours.Select(h => h.Number));
    }

    [Fact]
    public void A_fixed_offset_calendar_counts_hours_on_its_own_clock()
    {
        var india = LocalCalendar.ForOffset(new TimeSpan(5, 30, 0));

        var hour = india.HourOf(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)); // 05:30 IST

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 23, 30, 0, TimeSpan.Zero), hour.Start);
        Assert.Equal("2026-03-01 06:00", hour.Label);
    }

    [Fact]
    public void A_zone_with_daylight_saving_has_a_23_hour_day_in_spring()
    {
        var berlin = LocalCalendar.ForZone("Europe/Berlin");

        var hours = berlin.HoursOf(new DateOnly(2026, 3, 29));

        Assert.Equal(23, hours.Count);
        Assert.Equal(hours.Count, hours.Select(h => h.Start).Distinct().Count());
    }

    [Fact]
    public void Moving_windows_reach_back_across_midnight()
    {
        var hour = China.HourOf(new DateTimeOffset(2026, 3, 2, 2, 30, 0, TimeSpan.FromHours(8)));

        var window = China.HoursEndingAt(hour, 8);

        Assert.Equal("2026-03-01 20:00", window[0].Label);
        Assert.Equal(hour, window[^1]);
    }

    [Theory]
    [InlineData(0, 180, 3)]
    [InlineData(1, 180, 2)]
    [InlineData(0, 179, 2)]
    [InlineData(30, 29, 0)]
    public void Whole_hours_between_count_only_complete_clock_hours(int fromMinute, int toMinute, int expected)
    {
        var start = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, China.WholeHoursBetween(start.AddMinutes(fromMinute), start.AddMinutes(toMinute)));
    }
}
