using CityBrain.Grains.Areas;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Tests;

public sealed class NoiseComplianceTests
{
    private static readonly ClockHour Hour = LocalCalendar.China.HourOf(new DateTimeOffset(2026, 12, 1, 4, 0, 0, TimeSpan.Zero));

    private static NoiseNow Noise(double? ld, double? ln, double? limitDay = 55, double? limitNight = 45) =>
        new(Hour, null, null, new DateOnly(2026, 11, 30), ld, new DateOnly(2026, 11, 30), ln, limitDay, limitNight, limitDay is null ? null : "1");

    [Fact]
    public void A_district_is_over_only_strictly_above_its_zones_limit_and_unmeasured_without_a_level_or_a_zone()
    {
        Assert.Equal(new NoiseCompliance(1, 1, 0, 1, 1), NoiseCompliance.OfDistrict(Noise(55.0, 45.1)));
        Assert.Equal(new NoiseCompliance(1, 0, 0, 1, 0), NoiseCompliance.OfDistrict(Noise(null, 40)));
        Assert.Equal(new NoiseCompliance(1, 0, 0, 0, 0), NoiseCompliance.OfDistrict(Noise(70, 60, limitDay: null, limitNight: null)));
        Assert.Equal(new NoiseCompliance(1, 0, 0, 0, 0), NoiseCompliance.OfDistrict(null));
    }

    [Fact]
    public void A_region_adds_up_its_childrens_districts()
    {
        var city = NoiseCompliance.Combine([NoiseCompliance.OfDistrict(Noise(56, 44)), NoiseCompliance.OfDistrict(Noise(50, 50)), NoiseCompliance.OfDistrict(null)]);
        var province = NoiseCompliance.Combine([city, NoiseCompliance.OfDistrict(Noise(60, 40, limitDay: 65, limitNight: 55))]);

        Assert.Equal(new NoiseCompliance(3, 2, 1, 2, 1), city);
        Assert.Equal(new NoiseCompliance(4, 3, 1, 3, 1), province);
        Assert.Equal(NoiseCompliance.None, NoiseCompliance.Combine([]));
    }
}
