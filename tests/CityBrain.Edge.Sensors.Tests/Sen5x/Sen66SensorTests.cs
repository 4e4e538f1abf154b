using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Edge.Sensors.Sen66;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sen5x;

namespace CityBrain.Edge.Sensors.Tests.Sen5x;

public class Sen66SensorTests
{
    private static readonly Quantity[] Everything =
    [
        Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm4, Quantity.Pm10, Quantity.Humidity, Quantity.Temperature,
        Quantity.VocIndex, Quantity.NoxIndex, Quantity.Co2, Quantity.Nc0_5, Quantity.Nc1, Quantity.Nc2_5, Quantity.Nc4, Quantity.Nc10,
    ];

    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.Co2, 612).Set(Quantity.Pressure, 1013).Set(Quantity.Temperature, 22.5);
    private readonly Sen66Emulator _chip;

    public Sen66SensorTests() => _chip = new Sen66Emulator(_air, _clock);

    private Sen66Sensor Sensor(System.Device.I2c.I2cDevice? chip = null, Sen66Settings? settings = null) => new(chip ?? _chip, "sen66@1:0x6b", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Sen66Sensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    /// <summary>A read once the CO₂ cell has its first value.</summary>
    private async Task<IReadOnlyList<SensorSample>> ReadWarm(Sen66Sensor sensor)
    {
        await Read(sensor);
        _clock.Advance(Sen66Emulator.Co2StartUp);
        return await Read(sensor);
    }

    private static SensorSample Of(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity);

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => Of(samples, quantity).Value;

    private Task Run(Func<ValueTask> operation) => _clock.Run(async () =>
    {
        await operation();
        return true;
    });

    [Fact]
    public async Task The_command_frames_are_byte_exact_and_the_words_scale_as_the_datasheet_says()
    {
        var device = new ScriptedI2cDevice(
            SenFrames.Text("SEN66"), SenFrames.StatusClear, SenFrames.Ready,
            SenFrames.Words(100, 250, 400, 500, 4500, 0xFC18, 1000, 10, 1450),
            SenFrames.Words(1700, 1950, 2000, 2010, 2011),
            SenFrames.StatusClear);
        var sensor = Sensor(device);

        var samples = await Read(sensor);

        Assert.Equal(
            [[0x01, 0x04], [0xD0, 0x14], [0xD2, 0x10], [0x00, 0x21], [0x02, 0x02], [0x03, 0x00], [0x03, 0x16], [0xD2, 0x06]],
            device.Writes);
        Assert.Equal(Everything, samples.Select(s => s.Quantity));
        Assert.Equal([10.0, 25.0, 40.0, 50.0, 45.0, -5.0, 100.0, 1.0, 1450, 170.0, 195.0, 200.0, 201.0, 201.1], samples.Select(s => s.Value));
    }

    [Fact]
    public async Task Values_round_trip_within_the_chip_resolution()
    {
        var sensor = Sensor();
        await ReadWarm(sensor);
        var random = new Random(66);
        for (var i = 0; i < 100; i++)
        {
            var values = Everything.ToDictionary(q => q, q => q switch
            {
                Quantity.Temperature => -10 + random.NextDouble() * 60,
                Quantity.Humidity => random.NextDouble() * 100,
                Quantity.VocIndex or Quantity.NoxIndex => 1 + random.NextDouble() * 499,
                Quantity.Co2 => (double)random.Next(0, 40_001),
                _ => random.NextDouble() * 1000,
            });
            foreach (var (quantity, value) in values) _air.Set(quantity, value);
            _clock.Advance(TimeSpan.FromSeconds(1));

            var samples = await Read(sensor);

            Assert.Equal(Everything, samples.Select(s => s.Quantity));
            foreach (var sample in samples)
            {
                var resolution = sample.Quantity switch
                {
                    Quantity.Temperature => 0.0025,
                    Quantity.Humidity => 0.005,
                    Quantity.Co2 => 0,
                    _ => 0.05,
                };
                Assert.Equal(values[sample.Quantity], sample.Value, resolution + 1e-9);
            }
        }
    }

    [Fact]
    public async Task Co2_is_unknown_in_the_cell_first_seconds_and_then_published()
    {
        var sensor = Sensor();

        var first = await Read(sensor);
        _clock.Advance(Sen66Emulator.Co2StartUp);
        var later = await Read(sensor);

        Assert.DoesNotContain(first, s => s.Quantity == Quantity.Co2);
        Assert.Equal(13, first.Count);
        Assert.Equal(612, Value(later, Quantity.Co2));
    }

    [Fact]
    public async Task The_ambient_pressure_compensates_the_co2_reading_and_goes_out_byte_exact()
    {
        _air.Set(Quantity.Pressure, 850);
        var bus = new RecordingI2cDevice(_chip);
        var sensor = Sensor(bus);
        var uncompensated = Value(await ReadWarm(sensor), Quantity.Co2);

        await Run(() => sensor.CompensateAsync(Quantity.Pressure, 850.2, CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var compensated = Value(await Read(sensor), Quantity.Co2);

        Assert.Equal(Math.Round(612 * 850 / 1013.0), uncompensated);
        Assert.Equal(612, compensated);
        Assert.Contains(bus.Writes, w => w.SequenceEqual(new byte[] { 0x67, 0x20, 0x03, 0x52, 0xB0 }));
        Assert.Equal([Quantity.Pressure], sensor.CompensatedBy);
    }

    [Fact]
    public async Task Compensation_ignores_small_moves_and_pressures_the_chip_cannot_take()
    {
        var sensor = Sensor();
        await Read(sensor);

        async Task<int> Compensate(double hPa)
        {
            await Run(() => sensor.CompensateAsync(Quantity.Pressure, hPa, CancellationToken.None));
            return _chip.PressureSetting;
        }

        Assert.Equal(1002, await Compensate(1002.4));
        Assert.Equal(1002, await Compensate(1002.9));
        Assert.Equal(1004, await Compensate(1003.6));
        Assert.Equal(1004, await Compensate(650));
    }

    [Fact]
    public async Task Settings_go_to_the_chip_before_the_start()
    {
        var bus = new RecordingI2cDevice(_chip);
        var sensor = Sensor(bus, new Sen66Settings { TemperatureOffset = -1.5, AltitudeMetres = 400, AutomaticSelfCalibration = false, AmbientPressureHPa = 960 });

        var samples = await Read(sensor);

        var offset = bus.Writes.ToList().FindIndex(w => w.SequenceEqual(new byte[] { 0x60, 0xB2, 0xFE, 0xD4, 0x34, 0x00, 0x00, 0x81, 0x00, 0x00, 0x81, 0x00, 0x00, 0x81 }));
        var start = bus.Writes.ToList().FindIndex(w => w.SequenceEqual(new byte[] { 0x00, 0x21 }));
        Assert.InRange(offset, 1, start - 1);
        Assert.Equal((400, false, 960), (_chip.AltitudeSetting, _chip.AutomaticSelfCalibration, _chip.PressureSetting));
        Assert.Equal(22.5 - 1.5, Value(samples, Quantity.Temperature), 3);
    }

    [Fact]
    public async Task A_co2_sensor_error_invalidates_co2_and_makes_temperature_and_humidity_suspect()
    {
        var sensor = Sensor();
        await ReadWarm(sensor);
        _chip.Raise(SenStatus.Co2ErrorBit);

        var samples = await Read(sensor);

        Assert.Equal(Quality.Invalid, Of(samples, Quantity.Co2).Quality);
        Assert.Equal(Quality.Suspect, Of(samples, Quantity.Temperature).Quality);
        Assert.Equal(Quality.Ok, Of(samples, Quantity.Nc2_5).Quality);
    }

    [Fact]
    public async Task A_pm_sensor_error_invalidates_mass_and_number_concentrations()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Raise(SenStatus.PmErrorBit);

        var samples = await Read(sensor);

        Assert.Equal(13, samples.Count);
        Assert.All(samples.Where(s => s.Quantity is Quantity.Pm2_5 or Quantity.Nc0_5 or Quantity.Nc10), s => Assert.Equal(Quality.Invalid, s.Quality));
        Assert.Equal(Quality.Ok, Of(samples, Quantity.VocIndex).Quality);
    }

    [Fact]
    public async Task A_fan_cleaning_stops_the_measurement_and_the_next_read_starts_it_again()
    {
        var sensor = Sensor();
        await Read(sensor);

        await Run(() => sensor.StartFanCleaningAsync(CancellationToken.None));
        var samples = await Read(sensor);

        Assert.Equal(1, _chip.FanCleanings);
        Assert.True(_chip.Measuring);
        Assert.Contains(samples, s => s.Quantity == Quantity.Pm2_5);
    }

    [Fact]
    public async Task Identifying_reads_product_name_and_serial_number()
    {
        var identity = await _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None));
        Assert.Equal(new SensorIdentity("SEN66", SerialNumber: "5B1E7D2A90C43F68"), identity);
    }

    [Fact]
    public async Task A_chip_naming_itself_otherwise_is_refused()
    {
        var wrong = await Assert.ThrowsAsync<SensorIdentityException>(() => _clock.Run(() => Sensor(new ScriptedI2cDevice(SenFrames.Text("SEN55"))).IdentifyAsync(CancellationToken.None)));
        Assert.Contains("'SEN55' is none of SEN66", wrong.Message);
    }

    [Fact]
    public async Task A_bad_crc_is_an_error_and_an_unplugged_chip_is_absent()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.CorruptChecksum = true;
        await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
        _chip.Faults.CorruptChecksum = false;
        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
    }

    [Fact]
    public void Settings_are_validated()
    {
        var problems = new Sen66Settings { TemperatureOffset = -25, AmbientPressureHPa = 650, AltitudeMetres = 4000 }.Validate().Select(p => p.Option);
        Assert.Equal(["TemperatureOffset", "AmbientPressureHPa", "AltitudeMetres"], problems);
    }
}
