using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Hours;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Tests;

public class AreaHoursTests
{
    private static readonly LocalCalendar Calendar = LocalCalendar.China;
    private static readonly TimeSpan Delay = TimeSpan.FromMinutes(4);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 30, 0, TimeSpan.Zero);

    private static HourContribution Share(ClockHour hour, double pm25) =>
        new("gw-1", hour, new Dictionary<Quantity, Contribution> { [Quantity.Pm2_5] = Contribution.Of(Quantity.Pm2_5, pm25) }, new Dictionary<Quantity, Contribution>());

    [Fact]
    public void An_hour_that_ended_before_the_area_first_heard_of_it_is_computed_when_its_data_comes()
    {
        var hours = new AreaHours();
        hours.CloseDue(Calendar, Now, Delay);
        var threeHoursAgo = Calendar.HourOf(Now.AddHours(-3));

        hours.Apply(Share(threeHoursAgo, 42), Now, Delay);

        Assert.DoesNotContain(threeHoursAgo, hours.CloseDue(Calendar, Now.AddMinutes(1), Delay));
        Assert.Contains(threeHoursAgo, hours.CloseDue(Calendar, Now + Delay, Delay));
        Assert.Equal(42, hours.Find(threeHoursAgo)!.MeanOf(Quantity.Pm2_5).Mean);
    }

    [Fact]
    public void The_current_hour_is_not_closed_by_its_data()
    {
        var hours = new AreaHours();
        hours.CloseDue(Calendar, Now, Delay);
        var current = Calendar.HourOf(Now);

        hours.Apply(Share(current, 42), Now, Delay);

        Assert.False(hours.IsClosed(current));
        Assert.DoesNotContain(current, hours.CloseDue(Calendar, Now + Delay, Delay));
    }
}
