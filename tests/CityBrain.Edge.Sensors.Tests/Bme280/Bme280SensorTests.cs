using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Bme280;
using CityBrain.Simulators.Chips.Bme280;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.Bme280;

public class Bme280SensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.Temperature, 21.5).Set(Quantity.Humidity, 45).Set(Quantity.Pressure, 1008.4);

    private (Bme280Sensor Sensor, Bme280Emulator Chip) Create(Bme280Settings? settings = null, byte chipId = Bme280Registers.Bme280Id)
    {
        var chip = new Bme280Emulator(_air, _clock, chipId: chipId);
        return (new Bme280Sensor(chip, "bme280@1:0x76", _clock, settings), chip);
    }

    private Task<IReadOnlyList<SensorSample>> Read(Bme280Sensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity).Value;

    [Fact]
    public async Task A_bme280_is_identified_by_its_chip_id_and_reads_all_three_quantities()
    {
        var (sensor, _) = Create();

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));
        var samples = await Read(sensor);

        Assert.Equal(new SensorIdentity("BME280", ChipId: "0x60"), identity);
        Assert.Equal([Quantity.Temperature, Quantity.Humidity, Quantity.Pressure], sensor.Quantities);
        Assert.Equal(21.5, Value(samples, Quantity.Temperature), 2);
        Assert.Equal(45, Value(samples, Quantity.Humidity), 1);
        Assert.Equal(1008.4, Value(samples, Quantity.Pressure), 1);
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task A_bmp280_behind_the_same_type_is_told_apart_by_its_chip_id_and_has_no_humidity()
    {
        var (sensor, _) = Create(chipId: 0x58);

        var samples = await Read(sensor);

        Assert.Equal("BMP280", sensor.Model);
        Assert.Equal([Quantity.Temperature, Quantity.Pressure], samples.Select(s => s.Quantity));
        Assert.Equal(1008.4, Value(samples, Quantity.Pressure), 1);
    }

    [Fact]
    public async Task Another_chip_at_the_address_is_an_identity_error()
    {
        var (sensor, _) = Create(chipId: 0x61);

        var ex = await Assert.ThrowsAsync<SensorIdentityException>(() => Read(sensor));
        Assert.Contains("0x61", ex.Message);
    }

    [Fact]
    public async Task Set_up_resets_then_writes_config_and_ctrl_hum_before_the_ctrl_meas_that_latches_them()
    {
        var chip = new Bme280Emulator(_air, _clock);
        var bus = new RecordingI2cDevice(chip);
        var sensor = new Bme280Sensor(bus, "bme280", _clock, new Bme280Settings
        {
            Mode = Bme280Mode.Normal, Filter = Bme280Filter.X4, Standby = Bme280Standby.Ms125,
            TemperatureOversampling = Bme280Oversampling.X2, PressureOversampling = Bme280Oversampling.X16, HumidityOversampling = Bme280Oversampling.X1,
        });

        await Read(sensor);

        var registerWrites = bus.Writes.Where(w => w.Length == 2).ToList();
        Assert.Equal(
        [
            [Bme280Registers.Reset, 0xB6],
            [Bme280Registers.Config, 0b010_010_00],
            [Bme280Registers.ControlHumidity, 0b001],
            [Bme280Registers.ControlMeasurement, 0b010_101_11],
        ], registerWrites);
    }

    [Fact]
    public async Task A_forced_measurement_waits_the_datasheet_time_and_then_polls_the_measuring_bit()
    {
        var (sensor, _) = Create(new Bme280Settings { TemperatureOversampling = Bme280Oversampling.X16, PressureOversampling = Bme280Oversampling.X16, HumidityOversampling = Bme280Oversampling.X16 });
        await Read(sensor);

        var (_, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.InRange(took.TotalMilliseconds, 112.8, 114);
    }

    [Fact]
    public async Task In_normal_mode_the_chip_measures_on_its_own_and_a_new_value_shows_after_the_next_measurement()
    {
        var (sensor, _) = Create(new Bme280Settings { Mode = Bme280Mode.Normal, Standby = Bme280Standby.Ms1000 });
        Assert.Equal(21.5, Value(await Read(sensor), Quantity.Temperature), 2);

        _air.Set(Quantity.Temperature, 25);
        _clock.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(21.5, Value(await Read(sensor), Quantity.Temperature), 2);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(25, Value(await Read(sensor), Quantity.Temperature), 2);
    }

    [Fact]
    public async Task The_iir_filter_smooths_a_pressure_step_over_several_measurements()
    {
        var (sensor, _) = Create(new Bme280Settings { Mode = Bme280Mode.Normal, Standby = Bme280Standby.Ms62_5, Filter = Bme280Filter.X16 });
        await Read(sensor);
        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1008.4, Value(await Read(sensor), Quantity.Pressure), 1);

        _air.Set(Quantity.Pressure, 1010.4);
        _clock.Advance(TimeSpan.FromMilliseconds(80));
        var first = Value(await Read(sensor), Quantity.Pressure);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var settled = Value(await Read(sensor), Quantity.Pressure);

        // One measurement of a 2 hPa step through a coefficient-16 filter moves 1/16 of the way.
        Assert.Equal(1008.4 + 2.0 / 16, first, 1);
        Assert.Equal(1010.4, settled, 1);
    }

    [Fact]
    public async Task A_skipped_channel_is_left_out_of_the_readings()
    {
        var (sensor, _) = Create(new Bme280Settings { HumidityOversampling = Bme280Oversampling.Skipped });

        var samples = await Read(sensor);

        Assert.Equal([Quantity.Temperature, Quantity.Pressure], samples.Select(s => s.Quantity));
        Assert.Equal([Quantity.Temperature, Quantity.Pressure], sensor.Quantities);
    }

    [Theory]
    [InlineData(Bme280Oversampling.X16, 0.01, 0.002, 0.01)]
    [InlineData(Bme280Oversampling.X1, 0.015, 0.03, 0.01)]
    public async Task Values_round_trip_within_the_chip_resolution_over_the_whole_range(Bme280Oversampling oversampling,
        double temperatureStep, double pressureStep, double humidityStep)
    {
        var (sensor, _) = Create(new Bme280Settings { TemperatureOversampling = oversampling, PressureOversampling = oversampling });
        var random = new Random(76);
        for (var i = 0; i < 300; i++)
        {
            var (t, rh, p) = (-40 + random.NextDouble() * 125, random.NextDouble() * 100, 300 + random.NextDouble() * 800);
            _air.Set(Quantity.Temperature, t).Set(Quantity.Humidity, rh).Set(Quantity.Pressure, p);

            var samples = await Read(sensor);

            Assert.Equal(t, Value(samples, Quantity.Temperature), temperatureStep);
            Assert.Equal(p, Value(samples, Quantity.Pressure), pressureStep);
            Assert.Equal(rh, Value(samples, Quantity.Humidity), humidityStep);
        }
    }

    [Fact]
    public async Task An_unplugged_chip_is_absent_and_is_set_up_again_when_replugged()
    {
        var (sensor, chip) = Create();
        await Read(sensor);
        chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));

        chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(45, Value(await Read(sensor), Quantity.Humidity), 1);
    }

    [Fact]
    public async Task A_power_cycle_the_driver_did_not_see_is_an_error_never_a_reset_value_and_the_next_read_recovers()
    {
        var (sensor, chip) = Create();
        await Read(sensor);
        chip.Faults.Unplugged = true;
        chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromSeconds(1));

        // The forced measurement runs, but ctrl_hum went back to "skipped" with the power.
        var ex = await Assert.ThrowsAsync<SensorRangeException>(() => Read(sensor));
        Assert.Contains("humidity was not measured", ex.Message);
        Assert.Equal(45, Value(await Read(sensor), Quantity.Humidity), 1);
    }

    [Fact]
    public async Task A_chip_that_refuses_reads_is_a_nack_error()
    {
        var (sensor, chip) = Create();
        chip.Faults.Nack = true;
        await Assert.ThrowsAsync<SensorNackException>(() => Read(sensor));
    }

    [Fact]
    public async Task A_measurement_that_never_ends_is_a_timeout_not_a_hang()
    {
        var (sensor, chip) = Create();
        await Read(sensor);
        chip.Faults.ExtraDelay = TimeSpan.FromSeconds(30);

        var ex = await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        Assert.Contains("still measuring", ex.Message);
    }

    [Fact]
    public async Task A_calibration_copy_that_never_ends_is_a_timeout()
    {
        var (sensor, chip) = Create();
        chip.Faults.ExtraDelay = TimeSpan.FromSeconds(1);

        var ex = await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        Assert.Contains("NVM", ex.Message);
    }

    [Fact]
    public async Task A_temperature_beyond_the_chip_range_is_a_range_error()
    {
        var (sensor, _) = Create();
        _air.Set(Quantity.Temperature, 95);
        await Assert.ThrowsAsync<SensorRangeException>(() => Read(sensor));
    }

    [Fact]
    public async Task A_stuck_chip_keeps_reporting_the_same_values()
    {
        var (sensor, chip) = Create();
        chip.Faults.Stuck = true;
        var first = await Read(sensor);

        _air.Set(Quantity.Pressure, 990);
        Assert.Equal(Value(first, Quantity.Pressure), Value(await Read(sensor), Quantity.Pressure));
    }
}
