using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Tests;

public class CityClimateTests
{
    private static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private static readonly DateTimeOffset Midnight = new(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void The_same_seed_gives_the_same_city()
    {
        var a = new CityClimate(42, Beijing);
        var b = new CityClimate(42, Beijing);
        var other = new CityClimate(43, Beijing);

        var at = Midnight.AddHours(9.5);
        Assert.All(CityClimate.Reported, q => Assert.Equal(a.Value(q, 3, 17, at), b.Value(q, 3, 17, at)));
        Assert.Contains(CityClimate.Reported, q => a.Value(q, 3, 17, at) != other.Value(q, 3, 17, at));
    }

    [Theory]
    [InlineData(Quantity.No2, 8, 3)]
    [InlineData(Quantity.Noise, 18, 3)]
    [InlineData(Quantity.O3, 15, 6)]
    [InlineData(Quantity.Illuminance, 12, 23)]
    public void Daily_cycles_peak_when_the_city_does(Quantity quantity, int peakHour, int quietHour)
    {
        var climate = new CityClimate(7, Beijing);
        double MeanAt(int hour) => Enumerable.Range(0, 40).Average(device => climate.Value(quantity, device % 8, device, Midnight.AddHours(hour)));

        Assert.True(MeanAt(peakHour) > MeanAt(quietHour) * 1.2, $"{quantity} at {peakHour}:00 should clearly exceed {quietHour}:00");
    }

    [Fact]
    public void Every_value_is_inside_the_contract_range_all_day()
    {
        var climate = new CityClimate(1, Beijing);
        for (var minute = 0; minute < 24 * 60; minute += 17)
        {
            foreach (var q in CityClimate.Reported)
            {
                var v = climate.Value(q, minute % 12, minute, Midnight.AddMinutes(minute));
                var info = q.Info();
                Assert.InRange(v, info.Min, info.Max);
            }
        }
    }

    [Fact]
    public void Districts_differ_in_character()
    {
        var climate = new CityClimate(42, Beijing);
        var at = Midnight.AddHours(8);
        var pm = Enumerable.Range(0, 12).Select(d => climate.Value(Quantity.Pm2_5, d, 0, at)).ToList();

        Assert.True(pm.Max() > pm.Min() * 1.3);
    }
}
