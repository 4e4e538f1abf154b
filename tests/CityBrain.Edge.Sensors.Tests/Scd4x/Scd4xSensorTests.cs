using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Scd4x;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Scd4x;

namespace CityBrain.Edge.Sensors.Tests.Scd4x;

public class Scd4xSensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient()
        .Set(Quantity.Co2, 612).Set(Quantity.Temperature, 22.5).Set(Quantity.Humidity, 48).Set(Quantity.Pressure, 1013);
    private readonly Scd4xEmulator _chip;

    public Scd4xSensorTests() => _chip = new Scd4xEmulator(_air, _clock);

    private Scd4xSensor Sensor(Scd4xSettings? settings = null) => new(_chip, "scd4x@1:0x62", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Scd4xSensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity).Value;

    [Fact]
    public async Task The_datasheet_example_frame_reads_500_ppm_25_degrees_and_37_percent()
    {
        byte[] dataReady = [0x80, 0x06, SensirionCrc.Compute(0x80, 0x06)];
        var device = new ScriptedI2cDevice(dataReady, [0x01, 0xF4, 0x33, 0x66, 0x67, 0xA2, 0x5E, 0xB9, 0x3C]);
        var sensor = new Scd4xSensor(device, "scd4x", _clock);

        var samples = await Read(sensor);

        Assert.Equal(500, Value(samples, Quantity.Co2));
        Assert.Equal(25.0, Value(samples, Quantity.Temperature), 2);
        Assert.Equal(37.0, Value(samples, Quantity.Humidity), 2);
    }

    [Fact]
    public async Task Settings_are_written_as_in_the_datasheet_examples_while_the_chip_is_idle()
    {
        var bus = new RecordingI2cDevice(_chip);
        var sensor = new Scd4xSensor(bus, "scd4x", _clock, new Scd4xSettings { TemperatureOffset = 5.4, AmbientPressureHPa = 1013, AutomaticSelfCalibration = false });

        await Read(sensor);

        Assert.Equal([0x3F, 0x86], bus.Writes[0]);
        Assert.Contains(bus.Writes, w => w.SequenceEqual(new byte[] { 0x24, 0x1D, 0x07, 0xE6, 0x48 }));
        Assert.Contains(bus.Writes, w => w.SequenceEqual(new byte[] { 0xE0, 0x00, 0x03, 0xF5, 0xDB }));
        Assert.False(_chip.AutomaticSelfCalibration);
        Assert.Equal(5.4, _chip.TemperatureOffsetSetting, 2);
    }

    [Fact]
    public async Task A_read_waits_for_the_next_five_second_measurement_by_polling_data_ready()
    {
        var sensor = Sensor();
        var (first, tookFirst) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        var (_, tookSecond) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(5));
        var (_, tookThird) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(612, Value(first, Quantity.Co2));
        Assert.InRange(tookFirst.TotalSeconds, 5.5, 5.7);
        Assert.InRange(tookSecond.TotalSeconds, 4.9, 5.1);
        Assert.InRange(tookThird.TotalMilliseconds, 1, 10);
    }

    [Fact]
    public async Task In_low_power_mode_measurements_come_every_30_seconds()
    {
        var sensor = Sensor(new Scd4xSettings { Mode = Scd4xMode.LowPowerPeriodic });
        await Read(sensor);

        var (_, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.InRange(took.TotalSeconds, 29.9, 30.2);
    }

    [Fact]
    public async Task The_ambient_pressure_compensates_the_co2_reading_at_altitude()
    {
        _air.Set(Quantity.Pressure, 850);
        var sensor = Sensor();
        var uncompensated = Value(await Read(sensor), Quantity.Co2);

        await _clock.Run(async () =>
        {
            await sensor.SetAmbientPressureAsync(850, CancellationToken.None);
            return true;
        });
        _clock.Advance(TimeSpan.FromSeconds(5));
        var compensated = Value(await Read(sensor), Quantity.Co2);

        Assert.Equal(Math.Round(612 * 850 / 1013.0), uncompensated);
        Assert.Equal(612, compensated);
        Assert.Equal(850, _chip.PressureSetting);
    }

    [Fact]
    public async Task Compensation_sends_the_pressure_when_it_moved_by_a_hectopascal_and_ignores_what_the_chip_cannot_take()
    {
        var sensor = Sensor();
        await Read(sensor);

        async Task<int> Compensate(double hPa)
        {
            await _clock.Run(async () =>
            {
                await sensor.CompensateAsync(Quantity.Pressure, hPa, CancellationToken.None);
                return true;
            });
            return _chip.PressureSetting;
        }

        Assert.Equal(1002, await Compensate(1002.4));
        Assert.Equal(1002, await Compensate(1002.9));
        Assert.Equal(1004, await Compensate(1003.6));
        Assert.Equal(1004, await Compensate(650));
        Assert.Equal([Quantity.Pressure], sensor.CompensatedBy);
    }

    [Fact]
    public async Task The_temperature_offset_corrects_the_chip_own_warmth()
    {
        var sensor = Sensor(new Scd4xSettings { TemperatureOffset = Scd4xEmulator.SelfHeating - 1.5 });

        var samples = await Read(sensor);

        Assert.Equal(22.5 + 1.5, Value(samples, Quantity.Temperature), 2);
    }

    [Fact]
    public async Task Identifying_reads_serial_number_and_variant_and_the_next_read_restarts_the_measurement()
    {
        var sensor = Sensor();
        await Read(sensor);

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));
        var samples = await Read(sensor);

        Assert.Equal(new SensorIdentity("SCD41", SerialNumber: "9A3B7C0D2E11"), identity);
        Assert.Equal("SCD41", sensor.Model);
        Assert.Equal(612, Value(samples, Quantity.Co2));
    }

    [Fact]
    public async Task Values_round_trip_within_the_chip_resolution_over_the_whole_range()
    {
        var sensor = Sensor();
        await Read(sensor);
        var random = new Random(4);
        for (var i = 0; i < 200; i++)
        {
            var (co2, t, rh) = (random.Next(0, 40_001), -10 + random.NextDouble() * 70, random.NextDouble() * 100);
            _air.Set(Quantity.Co2, co2).Set(Quantity.Temperature, t).Set(Quantity.Humidity, rh);
            _clock.Advance(TimeSpan.FromSeconds(5));

            var samples = await Read(sensor);

            Assert.Equal(co2, Value(samples, Quantity.Co2));
            Assert.Equal(t, Value(samples, Quantity.Temperature), 175.0 / 65535 / 2);
            Assert.Equal(rh, Value(samples, Quantity.Humidity), 100.0 / 65535 / 2);
        }
    }

    [Fact]
    public async Task A_bad_crc_is_an_error_never_a_value()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.CorruptChecksum = true;
        await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
    }

    [Fact]
    public async Task A_chip_power_cycled_behind_the_driver_back_is_a_timeout_and_is_set_up_again()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.Unplugged = true;
        _chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromSeconds(2));

        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        Assert.Equal(612, Value(await Read(sensor), Quantity.Co2));
    }

    [Fact]
    public async Task A_replugged_chip_is_deaf_during_its_power_up_and_answers_after_it()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;

        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(612, Value(await Read(sensor), Quantity.Co2));
    }

    [Fact]
    public async Task A_co2_reading_beyond_the_output_range_is_a_range_error()
    {
        _air.Set(Quantity.Co2, 45_000);
        await Assert.ThrowsAsync<SensorRangeException>(() => Read(Sensor()));
    }
}
