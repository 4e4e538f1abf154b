using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Hours;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Tests;

/// <summary>When a device closes an hour that a late report reopened: at once when the report completed it (nothing can
/// change it any more), after the close delay when more of a backlog may still come.</summary>
public class DeviceHoursTests
{
    private static readonly LocalCalendar Calendar = LocalCalendar.ForZone("Asia/Shanghai");
    private static readonly HourTiming Timing = new(TimeSpan.FromMinutes(3), TimeSpan.FromDays(31));
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 12, 20, 0, TimeSpan.Zero);
    private static readonly ClockHour DayBefore = Calendar.HourOf(Now.AddDays(-1));

    private static TelemetryBatch Report(ClockHour hour, TimeSpan length, double pm25) =>
        new("north", 1, hour.Start, (int)length.TotalSeconds, Now, [new ReadingValue(Quantity.Pm2_5, pm25, Quality.Ok, "s1", null)], []);

    [Fact]
    public void An_overdue_hour_one_report_covers_whole_closes_at_once_with_its_mean()
    {
        var hours = new DeviceHours();

        hours.Record(Calendar, Report(DayBefore, TimeSpan.FromHours(1), 42), Timing);

        Assert.Equal(Now, hours.NextCloseAt);
        var closed = Assert.Single(hours.CloseDue(Now, Timing));
        Assert.Equal((DayBefore, 42.0), (closed.Hour, closed.Means[Quantity.Pm2_5].Value));
        Assert.Null(hours.NextCloseAt);
    }

    [Fact]
    public void An_overdue_hour_a_report_covers_in_part_waits_the_close_delay_for_the_rest_of_the_backlog()
    {
        var hours = new DeviceHours();

        hours.Record(Calendar, Report(DayBefore, TimeSpan.FromMinutes(50), 42), Timing);

        Assert.Equal(Now + Timing.CloseDelay, hours.NextCloseAt);
        Assert.Empty(hours.CloseDue(Now, Timing));
    }
}
