using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Network;
using CityBrain.Indicators.Time;

namespace CityBrain.Indicators.Tests.Network;

public sealed class NetworkHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static DeviceObservation Device(string id, TimeSpan? silentFor, bool goodbye = false, int valid = 24, int expected = 24,
        params QuantityObservation[] quantities) =>
        new(id, "haidian", silentFor is { } s ? Now - s : null, goodbye, quantities, valid, expected);

    private static QuantityObservation Latest(Quantity quantity, Quality quality = Quality.Ok, int minutesAgo = 1) =>
        new(quantity, quality, Now.AddMinutes(-minutesAgo));

    [Theory]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void A_device_is_online_when_heard_from_within_the_window(int minutesSilent, bool online)
    {
        Assert.Equal(online, DeviceCondition.Of(Device("gw-1", TimeSpan.FromMinutes(minutesSilent)), Now).Online);
    }

    [Fact]
    public void A_device_that_said_goodbye_or_was_never_heard_from_is_offline()
    {
        Assert.False(DeviceCondition.Of(Device("gw-1", TimeSpan.Zero, goodbye: true), Now).Online);
        Assert.False(DeviceCondition.Of(Device("gw-2", null), Now).Online);
    }

    [Fact]
    public void Rates_count_devices_and_hourly_values()
    {
        var health = NetworkHealth.Assess(
        [
            Device("gw-1", TimeSpan.FromMinutes(1), valid: 20, expected: 24),
            Device("gw-2", TimeSpan.FromMinutes(1), valid: 24, expected: 24),
            Device("gw-3", TimeSpan.FromHours(3), valid: 4, expected: 24),
            Device("gw-4", TimeSpan.FromMinutes(2), valid: 24, expected: 24),
        ], Now);

        Assert.Equal((4, 3), (health.Registered, health.Online));
        Assert.Equal(0.75, health.OnlineRate);
        Assert.Equal(72.0 / 96, health.ValidityRate);
        Assert.Equal(["gw-3"], health.Offline.Select(d => d.DeviceId));
    }

    [Fact]
    public void Nothing_registered_has_no_rates_rather_than_zero()
    {
        var health = NetworkHealth.Assess([], Now);

        Assert.Null(health.OnlineRate);
        Assert.Null(health.ValidityRate);
    }

    [Fact]
    public void An_online_device_with_an_old_value_is_stale_and_one_with_an_invalid_value_is_faulty()
    {
        var options = new NetworkHealthOptions { StaleAfter = TimeSpan.FromMinutes(15) };
        var health = NetworkHealth.Assess(
        [
            Device("gw-stale", TimeSpan.FromMinutes(1), quantities: [Latest(Quantity.Pm2_5, minutesAgo: 16), Latest(Quantity.Noise)]),
            Device("gw-faulty", TimeSpan.FromMinutes(1), quantities: [Latest(Quantity.Pm2_5, Quality.Invalid), Latest(Quantity.Co, Quality.Suspect)]),
            Device("gw-offline", TimeSpan.FromHours(1), quantities: [Latest(Quantity.Pm2_5, Quality.Invalid, minutesAgo: 60)]),
        ], Now, options);

        var stale = Assert.Single(health.Stale);
        Assert.Equal(("gw-stale", Quantity.Pm2_5), (stale.DeviceId, Assert.Single(stale.Stale)));
        var faulty = Assert.Single(health.Faulty);
        Assert.Equal(("gw-faulty", Quantity.Pm2_5, Quantity.Co), (faulty.DeviceId, Assert.Single(faulty.Faulty), Assert.Single(faulty.Suspect)));
        Assert.Equal(["gw-offline"], health.Offline.Select(d => d.DeviceId));
    }

    [Fact]
    public void A_city_combines_its_districts()
    {
        var a = NetworkHealth.Assess([Device("gw-1", TimeSpan.Zero, valid: 10, expected: 20)], Now);
        var b = NetworkHealth.Assess([Device("gw-2", TimeSpan.FromHours(1), valid: 0, expected: 20)], Now);

        var city = NetworkHealth.Combine([a, b]);

        Assert.Equal((2, 1, 0.5, 0.25), (city.Registered, city.Online, city.OnlineRate, city.ValidityRate));
        Assert.Single(city.Offline);
    }

    [Fact]
    public void Expected_hours_start_at_registration_and_count_whole_hours()
    {
        var from = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

        Assert.Equal(2 * 24, DeviceObservation.ExpectedHours(LocalCalendar.China, from.AddDays(-3), from, from.AddDays(1), 2));
        Assert.Equal(3 * 13, DeviceObservation.ExpectedHours(LocalCalendar.China, from.AddHours(10).AddMinutes(20), from, from.AddDays(1), 3));
    }
}
