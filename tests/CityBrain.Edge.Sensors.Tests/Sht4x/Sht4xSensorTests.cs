using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht4x;

namespace CityBrain.Edge.Sensors.Tests.Sht4x;

public class Sht4xSensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.Temperature, 21.5).Set(Quantity.Humidity, 40);
    private readonly Sht4xEmulator _chip;

    public Sht4xSensorTests() => _chip = new Sht4xEmulator(_air, _clock);

    private Sht4xSensor Sensor(Sht4xSettings? settings = null) => new(_chip, "sht4x@1:0x44", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Sht4xSensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    [Theory]
    [InlineData(0, -45.0)]
    [InlineData(65535, 130.0)]
    [InlineData(0x6666, 25.0)]
    public void Temperature_follows_the_datasheet_formula(int raw, double expected) =>
        Assert.Equal(expected, SensirionTicks.Temperature((ushort)raw), 3);

    [Theory]
    [InlineData(3146, 0.0006)]
    [InlineData(55574, 100)]
    [InlineData(0, 0)]
    [InlineData(65535, 100)]
    public void Humidity_follows_the_datasheet_formula_cropped_to_0_100(int raw, double expected) =>
        Assert.Equal(expected, Sht4xCommands.Humidity((ushort)raw), 3);

    [Fact]
    public async Task Resets_the_chip_then_reads_temperature_and_humidity()
    {
        var samples = await Read(Sensor());

        Assert.Equal(21.5, samples.Single(s => s.Quantity == Quantity.Temperature).Value, 2);
        Assert.Equal(40, samples.Single(s => s.Quantity == Quantity.Humidity).Value, 2);
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
        Assert.Equal([Sht4xCommands.SoftReset, Sht4xCommands.MeasureHigh], _chip.Commands);
    }

    [Fact]
    public async Task Identifies_the_chip_by_its_serial_number()
    {
        var identity = await _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None));
        Assert.Equal("1234ABCD", identity.SerialNumber);
    }

    [Theory]
    [InlineData(Sht4xPrecision.High, 10)]
    [InlineData(Sht4xPrecision.Low, 2)]
    public async Task Waits_the_measurement_time_of_the_precision(Sht4xPrecision precision, int milliseconds)
    {
        var sensor = Sensor(new Sht4xSettings { Precision = precision });
        await Read(sensor);

        var (_, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds) + Polling.TimerMargin, took);
    }

    [Fact]
    public async Task Values_round_trip_within_the_chip_resolution_over_the_whole_range()
    {
        var sensor = Sensor(new Sht4xSettings { Precision = Sht4xPrecision.Low });
        var random = new Random(20261123);
        for (var i = 0; i < 500; i++)
        {
            var t = -40 + random.NextDouble() * 165;
            var rh = random.NextDouble() * 100;
            _air.Set(Quantity.Temperature, t).Set(Quantity.Humidity, rh);

            var samples = await Read(sensor);

            // One tick is 175/65535 °C and 125/65535 %RH; rounding to the nearest tick costs at most half of that.
            Assert.Equal(t, samples[0].Value, 175.0 / 65535 / 2);
            Assert.Equal(rh, samples[1].Value, 125.0 / 65535 / 2);
        }
    }

    [Fact]
    public async Task A_bad_crc_is_an_error_never_a_value()
    {
        var sensor = Sensor();
        _chip.Faults.CorruptChecksum = true;

        var ex = await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
        Assert.Contains("sht4x@1:0x44", ex.Message);
    }

    [Fact]
    public async Task An_unplugged_chip_is_reported_absent_and_is_set_up_again_when_replugged()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));

        _chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromSeconds(1));
        _air.Set(Quantity.Temperature, 18);
        Assert.Equal(18, (await Read(sensor))[0].Value, 2);
        Assert.Equal(2, _chip.Commands.Count(c => c == Sht4xCommands.SoftReset));
    }

    [Fact]
    public async Task A_chip_that_refuses_reads_is_a_nack_error()
    {
        var sensor = Sensor();
        _chip.Faults.Nack = true;

        await Assert.ThrowsAsync<SensorNackException>(() => Read(sensor));
    }

    [Fact]
    public async Task A_slightly_slow_chip_is_still_read_but_a_chip_far_too_slow_is_a_nack_error()
    {
        var sensor = Sensor();
        _chip.Faults.ExtraDelay = TimeSpan.FromMilliseconds(6);
        Assert.Equal(21.5, (await Read(sensor))[0].Value, 2);

        _chip.Faults.ExtraDelay = TimeSpan.FromSeconds(5);
        await Assert.ThrowsAsync<SensorNackException>(() => Read(sensor));
    }

    [Fact]
    public async Task A_stuck_chip_keeps_answering_the_same_value()
    {
        var sensor = Sensor();
        _chip.Faults.Stuck = true;
        var first = (await Read(sensor))[0].Value;

        _air.Set(Quantity.Temperature, 30);
        Assert.Equal(first, (await Read(sensor))[0].Value);
    }

    [Fact]
    public async Task A_temperature_beyond_the_chip_range_is_a_range_error()
    {
        _air.Set(Quantity.Temperature, 128);
        await Assert.ThrowsAsync<SensorRangeException>(() => Read(Sensor()));
    }

    [Fact]
    public async Task In_condensing_air_the_heater_pulses_at_most_a_tenth_of_the_time_and_flags_the_readings_after_it()
    {
        var sensor = Sensor(new Sht4xSettings { Heater = Sht4xHeater.Power200mW1s, HeaterAboveHumidity = 95 });
        _air.Set(Quantity.Humidity, 97);

        var first = await Read(sensor);
        Assert.All(first, s => Assert.Equal(Quality.Ok, s.Quality));
        Assert.Contains(Sht4xCommands.Heat(Sht4xHeater.Power200mW1s), _chip.Commands.Select(c => (byte)c));

        _clock.Advance(TimeSpan.FromSeconds(2));
        var cooling = await Read(sensor);
        Assert.All(cooling, s => Assert.Equal(Quality.Suspect, s.Quality));
        Assert.Equal(21.5, cooling[0].Value, 2);
        Assert.Single(_chip.Commands, c => c == Sht4xCommands.Heat(Sht4xHeater.Power200mW1s));

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.All(await Read(sensor), s => Assert.Equal(Quality.Ok, s.Quality));
        Assert.Equal(2, _chip.Commands.Count(c => c == Sht4xCommands.Heat(Sht4xHeater.Power200mW1s)));
    }

    [Fact]
    public async Task Without_a_heater_setting_the_heater_never_runs()
    {
        _air.Set(Quantity.Humidity, 99);
        await Read(Sensor());

        Assert.DoesNotContain(_chip.Commands, c => Sht4xCommands.HeaterOf((byte)c) is not null);
    }
}
