using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sen5x;

namespace CityBrain.Edge.Sensors.Tests.Sen5x;

public class Sen5xSensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient()
        .Set(Quantity.Pm1, 8.3).Set(Quantity.Pm2_5, 14.7).Set(Quantity.Pm4, 19.2).Set(Quantity.Pm10, 23.5)
        .Set(Quantity.Temperature, 21.35).Set(Quantity.Humidity, 47.12).Set(Quantity.VocIndex, 112).Set(Quantity.NoxIndex, 3);

    private Sen5xEmulator Chip(string model = "SEN55") => new(_air, _clock, model);

    private Sen5xSensor Sensor(System.Device.I2c.I2cDevice chip, Sen5xSettings? settings = null) => new(chip, "sen5x@1:0x69", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Sen5xSensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    private static SensorSample Of(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity);

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => Of(samples, quantity).Value;

    [Fact]
    public async Task The_command_frames_are_byte_exact_and_the_words_scale_as_the_datasheet_says()
    {
        var device = new ScriptedI2cDevice(
            SenFrames.Text("SEN55"), SenFrames.StatusClear, SenFrames.Ready,
            [
                0x00, 0x64, 0xFE, // PM1 100 → 10.0 µg/m³
                0x00, 0xFA, 0xD8, // PM2.5 250 → 25.0
                0x01, 0x90, 0x4C, // PM4 400 → 40.0
                0x01, 0xF4, 0x33, // PM10 500 → 50.0
                0x11, 0x94, 0xE6, // RH 4500 → 45.00 %
                0xFC, 0x18, 0xD7, // T −1000 → −5.00 °C (signed)
                0x03, 0xE8, 0xD4, // VOC index 1000 → 100.0
                0x00, 0x0A, 0x5A, // NOx index 10 → 1.0
            ],
            SenFrames.StatusClear);
        var sensor = Sensor(device);

        var samples = await Read(sensor);

        Assert.Equal(
            [[0x01, 0x04], [0xD0, 0x14], [0xD2, 0x10], [0x00, 0x21], [0x02, 0x02], [0x03, 0xC4], [0xD2, 0x06]],
            device.Writes);
        Assert.Equal([10.0, 25.0, 40.0, 50.0, 45.0, -5.0, 100.0, 1.0],
            new[] { Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Humidity, Quantity.Temperature, Quantity.VocIndex, Quantity.NoxIndex }
                .Select(q => Value(samples, q)));
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task Values_the_chip_marks_unknown_give_no_sample_never_a_made_up_one()
    {
        var device = new ScriptedI2cDevice(
            SenFrames.Text("SEN55"), SenFrames.StatusClear, SenFrames.Ready,
            [
                0x00, 0xFA, 0xD8, 0xFF, 0xFF, 0xAC, 0x00, 0xFA, 0xD8, 0x00, 0xFA, 0xD8,
                0x11, 0x94, 0xE6, 0x7F, 0xFF, 0x8F, 0x03, 0xE8, 0xD4, 0x7F, 0xFF, 0x8F,
            ],
            SenFrames.StatusClear);

        var samples = await Read(Sensor(device));

        Assert.Equal([Quantity.Pm1, Quantity.Pm4, Quantity.Pm10, Quantity.Humidity, Quantity.VocIndex], samples.Select(s => s.Quantity));
    }

    [Fact]
    public async Task Settings_are_written_as_byte_exact_frames_while_the_chip_is_idle()
    {
        var chip = Chip();
        var bus = new RecordingI2cDevice(chip);
        var sensor = Sensor(bus, new Sen5xSettings { TemperatureOffset = -1.5, FanCleaningIntervalSeconds = 86_400 });

        var samples = await Read(sensor);

        Assert.Equal([0x01, 0x04], bus.Writes[0]);
        var offset = bus.Writes.ToList().FindIndex(w => w.SequenceEqual(new byte[] { 0x60, 0xB2, 0xFE, 0xD4, 0x34, 0x00, 0x00, 0x81, 0x00, 0x00, 0x81 }));
        var interval = bus.Writes.ToList().FindIndex(w => w.SequenceEqual(new byte[] { 0x80, 0x04, 0x00, 0x01, 0xB0, 0x51, 0x80, 0xE8 }));
        var start = bus.Writes.ToList().FindIndex(w => w.SequenceEqual(new byte[] { 0x00, 0x21 }));
        Assert.InRange(offset, 1, start - 1);
        Assert.InRange(interval, 1, start - 1);
        Assert.Equal(-1.5, chip.TemperatureOffsetSetting);
        Assert.Equal(86_400u, chip.CleaningIntervalSetting);
        Assert.Equal(21.35 - 1.5, Value(samples, Quantity.Temperature), 3);
    }

    [Fact]
    public async Task The_cleaning_interval_is_not_rewritten_when_the_chip_already_has_it()
    {
        var chip = Chip();
        await Read(Sensor(chip, new Sen5xSettings { FanCleaningIntervalSeconds = 604_800 }));
        Assert.Equal(0, chip.CleaningIntervalWrites);
    }

    [Fact]
    public async Task A_read_waits_for_the_next_measurement_each_second()
    {
        var sensor = Sensor(Chip());
        var (first, tookFirst) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        var (_, tookSecond) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(8, first.Count);
        Assert.InRange(tookFirst.TotalSeconds, 1.0, 1.6);
        Assert.InRange(tookSecond.TotalSeconds, 0.7, 1.1);
    }

    [Fact]
    public async Task Values_round_trip_within_the_chip_resolution()
    {
        var sensor = Sensor(Chip());
        await Read(sensor);
        var random = new Random(55);
        for (var i = 0; i < 100; i++)
        {
            var (pm1, pm2_5, pm4, pm10) = (random.NextDouble() * 200, random.NextDouble() * 400, random.NextDouble() * 600, random.NextDouble() * 1000);
            var (t, rh, voc, nox) = (-10 + random.NextDouble() * 60, random.NextDouble() * 100, 1 + random.NextDouble() * 499, 1 + random.NextDouble() * 499);
            _air.Set(Quantity.Pm1, pm1).Set(Quantity.Pm2_5, pm2_5).Set(Quantity.Pm4, pm4).Set(Quantity.Pm10, pm10)
                .Set(Quantity.Temperature, t).Set(Quantity.Humidity, rh).Set(Quantity.VocIndex, voc).Set(Quantity.NoxIndex, nox);
            _clock.Advance(TimeSpan.FromSeconds(1));

            var samples = await Read(sensor);

            Assert.Equal(pm1, Value(samples, Quantity.Pm1), 0.05 + 1e-9);
            Assert.Equal(pm2_5, Value(samples, Quantity.Pm2_5), 0.05 + 1e-9);
            Assert.Equal(pm4, Value(samples, Quantity.Pm4), 0.05 + 1e-9);
            Assert.Equal(pm10, Value(samples, Quantity.Pm10), 0.05 + 1e-9);
            Assert.Equal(t, Value(samples, Quantity.Temperature), 0.0025 + 1e-9);
            Assert.Equal(rh, Value(samples, Quantity.Humidity), 0.005 + 1e-9);
            Assert.Equal(voc, Value(samples, Quantity.VocIndex), 0.05 + 1e-9);
            Assert.Equal(nox, Value(samples, Quantity.NoxIndex), 0.05 + 1e-9);
        }
    }

    [Theory]
    [InlineData("SEN50", new[] { Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10 })]
    [InlineData("SEN54", new[] { Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Humidity, Quantity.Temperature, Quantity.VocIndex })]
    public async Task Each_model_publishes_what_it_measures(string model, Quantity[] expected)
    {
        var sensor = Sensor(Chip(model), new Sen5xSettings { Model = model });

        var samples = await Read(sensor);

        Assert.Equal(expected, sensor.Quantities);
        Assert.Equal(expected, samples.Select(s => s.Quantity));
        Assert.Equal(model, sensor.Model);
    }

    [Fact]
    public async Task A_chip_that_measures_less_than_configured_is_refused_at_set_up_naming_its_model()
    {
        var sensor = Sensor(Chip("SEN54"));

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));
        var refused = await Assert.ThrowsAsync<SensorIdentityException>(() => Read(sensor));

        Assert.Equal("SEN54", identity.Model);
        Assert.Contains("SEN54", refused.Message);
        Assert.Contains("nox_index", refused.Message);
    }

    [Fact]
    public async Task Identifying_reads_product_name_and_serial_number_without_stopping_the_measurement()
    {
        var chip = Chip();
        var sensor = Sensor(chip);
        await Read(sensor);

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var (_, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(new SensorIdentity("SEN55", SerialNumber: "8E2F4A1C9B3D0752"), identity);
        Assert.True(chip.Measuring);
        Assert.InRange(took.TotalMilliseconds, 1, 100);
    }

    [Fact]
    public async Task An_SPS30_at_the_shared_address_is_another_chip_not_an_empty_address()
    {
        var sensor = Sensor(new Sps30LikeChip(_clock));

        var wrong = await Assert.ThrowsAsync<SensorIdentityException>(() => _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None)));

        Assert.Contains("0xD014", wrong.Message);
        Assert.Contains("SPS30", wrong.Message);
    }

    [Fact]
    public async Task A_chip_with_another_product_name_is_refused()
    {
        var sensor = Sensor(new ScriptedI2cDevice(SenFrames.Text("SEN66")));

        var wrong = await Assert.ThrowsAsync<SensorIdentityException>(() => _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None)));

        Assert.Contains("'SEN66' is none of SEN50, SEN54, SEN55", wrong.Message);
    }

    [Fact]
    public async Task A_bad_crc_is_an_error_never_a_value()
    {
        var chip = Chip();
        var sensor = Sensor(chip);
        await Read(sensor);
        chip.Faults.CorruptChecksum = true;

        await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
    }

    [Fact]
    public async Task An_unplugged_chip_is_absent_and_a_replugged_one_is_set_up_again_with_nox_unknown_at_first()
    {
        var chip = Chip();
        var sensor = Sensor(chip);
        await Read(sensor);
        chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
        chip.Faults.Unplugged = false;

        var first = await Read(sensor);
        _clock.Advance(TimeSpan.FromSeconds(10));
        var later = await Read(sensor);

        Assert.DoesNotContain(first, s => s.Quantity == Quantity.NoxIndex);
        Assert.Equal(14.7, Value(first, Quantity.Pm2_5), 2);
        Assert.Equal(3, Value(later, Quantity.NoxIndex), 2);
    }

    [Fact]
    public async Task A_chip_power_cycled_behind_the_driver_back_is_a_timeout_and_is_set_up_again()
    {
        var chip = Chip();
        var sensor = Sensor(chip);
        await Read(sensor);
        chip.Faults.Unplugged = true;
        chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        Assert.Equal(14.7, Value(await Read(sensor), Quantity.Pm2_5), 2);
    }

    [Fact]
    public async Task A_fan_error_invalidates_the_particles_and_makes_the_rest_suspect()
    {
        var chip = Chip();
        var sensor = Sensor(chip);
        await Read(sensor);
        chip.Raise(SenStatus.FanErrorBit);

        var samples = await Read(sensor);

        Assert.Equal(8, samples.Count);
        Assert.All(samples.Where(s => s.Quantity is Quantity.Pm1 or Quantity.Pm2_5 or Quantity.Pm4 or Quantity.Pm10),
            s => Assert.Equal((Quality.Invalid, true), (s.Quality, s.Reason!.Contains("fan error", StringComparison.Ordinal))));
        Assert.All(samples.Where(s => s.Quantity is Quantity.Temperature or Quantity.Humidity or Quantity.VocIndex or Quantity.NoxIndex),
            s => Assert.Equal(Quality.Suspect, s.Quality));
    }

    [Theory]
    [InlineData(SenStatus.LaserErrorBit, Quantity.Pm2_5, Quality.Invalid, Quantity.Temperature)]
    [InlineData(SenStatus.FanSpeedWarningBit, Quantity.Pm10, Quality.Suspect, Quantity.VocIndex)]
    [InlineData(SenStatus.GasErrorBit, Quantity.NoxIndex, Quality.Invalid, Quantity.Pm1)]
    [InlineData(SenStatus.RhtErrorBit, Quantity.Humidity, Quality.Invalid, Quantity.Pm4)]
    public async Task A_status_flag_marks_the_quantities_its_part_measures_and_leaves_the_others_ok(int bit, Quantity hit, Quality quality, Quantity untouched)
    {
        var chip = Chip();
        var sensor = Sensor(chip);
        await Read(sensor);
        chip.Raise(bit);

        var samples = await Read(sensor);

        Assert.Equal(quality, Of(samples, hit).Quality);
        Assert.Contains("device status 0x", Of(samples, hit).Reason);
        Assert.Equal(Quality.Ok, Of(samples, untouched).Quality);
    }

    [Fact]
    public async Task Stale_sticky_flags_from_before_the_set_up_are_cleared()
    {
        var chip = Chip();
        chip.Raise(SenStatus.FanErrorBit);

        var samples = await Read(Sensor(chip));

        Assert.Equal(8, samples.Count);
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task A_read_during_a_fan_cleaning_waits_for_its_end()
    {
        var chip = Chip();
        var sensor = Sensor(chip);
        await Read(sensor);
        await _clock.Run(async () =>
        {
            await sensor.StartFanCleaningAsync(CancellationToken.None);
            return true;
        });

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.InRange(took.TotalSeconds, 9.5, 10.5);
        Assert.Equal(8, samples.Count);
    }

    [Fact]
    public async Task Mass_above_the_specified_range_is_suspect()
    {
        _air.Set(Quantity.Pm10, 1500);
        var samples = await Read(Sensor(Chip()));
        Assert.Equal((1500.0, Quality.Suspect), (Value(samples, Quantity.Pm10), Of(samples, Quantity.Pm10).Quality));
    }

    [Fact]
    public void A_model_the_family_does_not_have_is_refused_at_construction() =>
        Assert.Throws<ArgumentException>(() => Sensor(Chip(), new Sen5xSettings { Model = "SEN56" }));

    [Fact]
    public void Settings_are_validated()
    {
        var problems = new Sen5xSettings { Model = "SEN56", TemperatureOffset = 30, FanCleaningIntervalSeconds = 60 }.Validate().Select(p => p.Option);
        Assert.Equal(["Model", "TemperatureOffset", "FanCleaningIntervalSeconds"], problems);
        Assert.Empty(new Sen5xSettings { FanCleaningIntervalSeconds = 0 }.Validate());
    }
}
