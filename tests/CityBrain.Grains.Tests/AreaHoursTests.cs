using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Hours;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Tests;

public class AreaHoursTests
{
    private static readonly LocalCalendar Calendar = LocalCalendar.China;
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(4);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    private static HourTotal Total(ClockHour hour, double pm25, int devices = 1) => new(hour.Start, "pm2_5", pm25 * devices, devices, devices);

    [Fact]
    public void An_hour_that_ended_before_the_area_first_heard_of_it_is_computed_when_its_data_comes()
    {
        var hours = new AreaHours();
        hours.CloseDue(Calendar, Now, Delay);
        var threeHoursAgo = Calendar.HourOf(Now.AddHours(-3));

        hours.MarkChanged(threeHoursAgo, Now, Delay, TimeSpan.FromHours(48));

        Assert.DoesNotContain(threeHoursAgo, hours.CloseDue(Calendar, Now.AddMinutes(1), Delay));
        Assert.Contains(threeHoursAgo, hours.CloseDue(Calendar, Now + Delay, Delay));
    }

    [Fact]
    public void An_hour_before_the_first_close_is_overdue_too()
    {
        var hours = new AreaHours();
        var threeHoursAgo = Calendar.HourOf(Now.AddHours(-3));

        hours.MarkChanged(threeHoursAgo, Now, Delay, TimeSpan.FromHours(48));

        Assert.Contains(threeHoursAgo, hours.CloseDue(Calendar, Now + Delay, Delay));
    }

    [Fact]
    public void The_current_hour_is_not_closed_by_its_data()
    {
        var hours = new AreaHours();
        hours.CloseDue(Calendar, Now, Delay);
        var current = Calendar.HourOf(Now);

        hours.MarkChanged(current, Now, Delay, TimeSpan.FromHours(48));

        Assert.False(hours.IsClosed(current));
        Assert.DoesNotContain(current, hours.CloseDue(Calendar, Now + Delay, Delay));
    }

    [Fact]
    public void A_steady_trickle_of_changes_does_not_postpone_the_hour()
    {
        var hours = new AreaHours();
        hours.CloseDue(Calendar, Now, Delay);
        var earlier = Calendar.HourOf(Now.AddHours(-2));

        for (var minute = 0; minute < 4; minute++) hours.MarkChanged(earlier, Now.AddMinutes(minute), Delay, TimeSpan.FromHours(48));

        Assert.Contains(earlier, hours.CloseDue(Calendar, Now + Delay, Delay));
    }

    [Fact]
    public void Summing_an_hour_again_replaces_its_means_rather_than_adding()
    {
        var hours = new AreaHours();
        var hour = Calendar.HourOf(Now.AddHours(-1));

        hours.Replace(hour, [Total(hour, 40, devices: 2)]);
        hours.Replace(hour, [Total(hour, 40, devices: 2)]);

        Assert.Equal(40, hours.Find(hour)!.MeanOf(Quantity.Pm2_5).Mean);
        Assert.Equal(2, hours.Find(hour)!.MeanOf(Quantity.Pm2_5).Weight);
    }

    [Fact]
    public void Reconciling_reopens_exactly_the_closed_hours_that_differ_from_the_stored_shares()
    {
        var hours = new AreaHours();
        hours.CloseDue(Calendar, Now, Delay);
        var same = Calendar.HourOf(Now.AddHours(-2));
        var changed = Calendar.HourOf(Now.AddHours(-3));
        var unknown = Calendar.HourOf(Now.AddHours(-4));
        var emptied = Calendar.HourOf(Now.AddHours(-5));
        foreach (var (hour, value) in new[] { (same, 30.0), (changed, 30.0), (emptied, 30.0) })
        {
            hours.MarkChanged(hour, Now, Delay, TimeSpan.FromHours(48));
            hours.Replace(hour, [Total(hour, value)]);
        }
        hours.CloseDue(Calendar, Now + Delay, Delay);

        var stale = hours.Reconcile(Calendar, [Total(same, 30), Total(changed, 35), Total(unknown, 50)], Now + Delay);

        Assert.Equal([changed, unknown, emptied], stale.OrderByDescending(h => h.Start));
        Assert.Equal(stale.OrderBy(h => h.Start), hours.CloseDue(Calendar, Now + Delay, Delay));
    }
}
