using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Configuration;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.Sps30;

/// <summary>The two configuration types of the SPS30, one per link, with one settings section.</summary>
public sealed class Sps30CatalogTests
{
    private readonly ChipClock _clock = new();
    private readonly EmulatedSensorBus _bus = new();
    private readonly Ambient _air = new();

    [Theory]
    [InlineData("sps30", null, "sps30@1:0x69")]
    [InlineData("sps30-uart", "/dev/ttyUSB0", "sps30-uart@ttyUSB0")]
    public async Task Each_link_is_built_from_configuration_and_reads_the_emulated_chip(string type, string? port, string name)
    {
        var options = new SensorOptions { Type = type, Port = port, Sps30 = new() { AutoCleaningIntervalHours = 72 } };
        EmulatedChips.Attach(_bus, options, _air, _clock);
        using var sensor = new SensorCatalog(_clock).Create(options, _bus);

        var samples = await _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal((name, "SPS30"), (sensor.Name, sensor.Model));
        Assert.Equal(Ambient.Calm[Quantity.Nc2_5], samples.Single(s => s.Quantity == Quantity.Nc2_5).Value, 3);
    }

    [Theory]
    [InlineData("sps30", null)]
    [InlineData("sps30-uart", "/dev/ttyUSB0")]
    public void A_bad_cleaning_interval_is_named_with_its_section(string type, string? port)
    {
        var options = new SensorOptions { Type = type, Port = port, Sps30 = new() { AutoCleaningIntervalHours = -5 } };

        var error = Assert.Throws<SensorConfigurationException>(() => new SensorCatalog(_clock).Create(options, _bus));

        Assert.Equal("Sps30.AutoCleaningIntervalHours", error.Option);
    }
}
