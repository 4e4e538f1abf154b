using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sampling;

namespace CityBrain.Edge.Gateway.Tests.Sampling;

public class AmbientConditionsTests
{
    [Fact]
    public void Temperature_humidity_and_pressure_are_shared_and_the_latest_value_wins()
    {
        var ambient = new AmbientConditions();
        ambient.Observe(Quantity.Humidity, 48);
        ambient.Observe(Quantity.Humidity, 61.5);
        ambient.Observe(Quantity.Temperature, 18.25);
        ambient.Observe(Quantity.Pressure, 1002);

        Assert.True(ambient.TryGet(Quantity.Humidity, out var humidity));
        Assert.True(ambient.TryGet(Quantity.Temperature, out var temperature));
        Assert.True(ambient.TryGet(Quantity.Pressure, out var pressure));
        Assert.Equal((61.5, 18.25, 1002.0), (humidity, temperature, pressure));
    }

    [Fact]
    public void Other_quantities_are_no_one_else_s_conditions()
    {
        var ambient = new AmbientConditions();
        ambient.Observe(Quantity.Co2, 612);
        ambient.Observe(Quantity.VocRaw, 29_000);

        Assert.False(ambient.TryGet(Quantity.Co2, out _));
        Assert.False(ambient.TryGet(Quantity.VocRaw, out _));
    }
}
