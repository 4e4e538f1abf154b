using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Simulators.Chips.Sht4x;

namespace CityBrain.Edge.Sensors.Tests.Sht4x;

public class Sht4xSensorTests
{
    private static (Sht4xSensor Sensor, Sht4xEmulator Chip) Create(double temperature = 21.5, double humidity = 40)
    {
        var chip = new Sht4xEmulator(_ => (temperature, humidity), TimeProvider.System);
        return (new Sht4xSensor(chip, "sht4x@1:0x44", TimeProvider.System, Sht4xPrecision.Low), chip);
    }

    [Theory]
    [InlineData(0, -45.0)]
    [InlineData(65535, 130.0)]
    [InlineData(3146, -45 + 175.0 * 3146 / 65535)]
    public void Temperature_follows_the_datasheet_formula(int raw, double expected) =>
        Assert.Equal(expected, Sht4xCommands.Temperature((ushort)raw), 6);

    [Theory]
    [InlineData(3146, 0.0006)]
    [InlineData(55574, 100)]
    [InlineData(0, 0)]
    [InlineData(65535, 100)]
    public void Humidity_follows_the_datasheet_formula_cropped_to_0_100(int raw, double expected) =>
        Assert.Equal(expected, Sht4xCommands.Humidity((ushort)raw), 3);

    [Fact]
    public async Task Reads_temperature_and_humidity_from_the_chip()
    {
        var (sensor, _) = Create(21.5, 40);

        var samples = await sensor.ReadAsync(CancellationToken.None);

        Assert.Equal(21.5, samples.Single(s => s.Quantity == Quantity.Temperature).Value, 2);
        Assert.Equal(40, samples.Single(s => s.Quantity == Quantity.Humidity).Value, 2);
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task Identifies_the_chip_by_its_serial_number()
    {
        var (sensor, _) = Create();
        Assert.Equal("1234ABCD", (await sensor.IdentifyAsync(CancellationToken.None)).SerialNumber);
    }

    [Fact]
    public async Task Values_round_trip_within_the_chip_resolution_over_the_whole_range()
    {
        var random = new Random(20261123);
        for (var i = 0; i < 60; i++)
        {
            var t = -40 + random.NextDouble() * 165;
            var rh = random.NextDouble() * 100;
            var (sensor, _) = Create(t, rh);
            var samples = await sensor.ReadAsync(CancellationToken.None);
            // One raw step is 175/65535 °C and 125/65535 %RH; rounding to the nearest step costs half of that.
            Assert.Equal(t, samples[0].Value, 175.0 / 65535);
            Assert.Equal(rh, samples[1].Value, 125.0 / 65535);
        }
    }

    [Fact]
    public async Task A_bad_crc_is_an_error_never_a_value()
    {
        var (sensor, chip) = Create();
        chip.Faults.CorruptChecksum = true;

        var ex = await Assert.ThrowsAsync<SensorChecksumException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());
        Assert.Contains("sht4x@1:0x44", ex.Message);
    }

    [Fact]
    public async Task An_unplugged_chip_is_reported_absent_and_is_back_when_replugged()
    {
        var (sensor, chip) = Create(18);
        chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());

        chip.Faults.Unplugged = false;
        Assert.Equal(18, (await sensor.ReadAsync(CancellationToken.None))[0].Value, 2);
    }

    [Fact]
    public async Task A_chip_too_slow_to_answer_gives_a_nack_error_after_one_retry()
    {
        var (sensor, chip) = Create();
        chip.Faults.ExtraDelay = TimeSpan.FromSeconds(5);

        await Assert.ThrowsAsync<SensorNackException>(() => sensor.ReadAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task A_stuck_chip_keeps_answering_the_same_value()
    {
        var temperature = 10.0;
        var chip = new Sht4xEmulator(_ => (temperature, 50), TimeProvider.System);
        var sensor = new Sht4xSensor(chip, "sht4x", TimeProvider.System, Sht4xPrecision.Low);
        chip.Faults.Stuck = true;
        var first = (await sensor.ReadAsync(CancellationToken.None))[0].Value;

        temperature = 30;
        Assert.Equal(first, (await sensor.ReadAsync(CancellationToken.None))[0].Value);
    }
}
