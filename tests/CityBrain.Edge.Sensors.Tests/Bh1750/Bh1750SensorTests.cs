using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Bh1750;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Simulators.Chips.Bh1750;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.Bh1750;

public class Bh1750SensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _light = new Ambient().Set(Quantity.Illuminance, 812);
    private readonly Bh1750Emulator _chip;

    public Bh1750SensorTests() => _chip = new Bh1750Emulator(_light, _clock);

    private Bh1750Sensor Sensor(Bh1750Settings? settings = null) => new(_chip, "bh1750@1:0x23", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Bh1750Sensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    [Fact]
    public async Task The_datasheet_example_0x8390_is_28067_lux()
    {
        var sensor = new Bh1750Sensor(new ScriptedI2cDevice([0x83, 0x90]), "bh1750", _clock);
        Assert.Equal(28066.7, (await Read(sensor))[0].Value, 1);
    }

    [Fact]
    public async Task Mode_2_at_mtreg_138_divides_the_count_by_4_8()
    {
        var sensor = new Bh1750Sensor(new ScriptedI2cDevice([0x12, 0x00]), "bh1750", _clock,
            new Bh1750Settings { Resolution = Bh1750Resolution.High2, MeasurementTime = 138 });
        Assert.Equal(0x1200 / 4.8, (await Read(sensor))[0].Value, 6);
    }

    [Fact]
    public async Task Every_opcode_is_its_own_write_and_mtreg_138_is_written_as_0x44_0x6A()
    {
        var bus = new RecordingI2cDevice(_chip);
        var sensor = new Bh1750Sensor(bus, "bh1750", _clock, new Bh1750Settings { MeasurementTime = 138 });

        await Read(sensor);

        Assert.All(bus.Writes, w => Assert.Single(w));
        Assert.Equal([0x01, 0x07, 0x44, 0x6A, 0x01, 0x20], bus.Writes.Select(w => w[0]));
    }

    [Theory]
    [InlineData(Bh1750Resolution.High, 69, 180)]
    [InlineData(Bh1750Resolution.High, 138, 360)]
    [InlineData(Bh1750Resolution.Low, 69, 24)]
    public async Task A_one_time_measurement_waits_the_maximum_time_scaled_by_mtreg(Bh1750Resolution resolution, int mtreg, int milliseconds)
    {
        var sensor = Sensor(new Bh1750Settings { Resolution = resolution, MeasurementTime = mtreg });

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds) + Polling.TimerMargin, took);
        // One count is 1/1.2 lx at MTreg 69.
        Assert.Equal(812, samples[0].Value, 0.5 / 1.2);
    }

    [Fact]
    public async Task In_continuous_mode_only_the_first_read_waits()
    {
        var sensor = Sensor(new Bh1750Settings { Continuous = true });
        await Read(sensor);
        _light.Set(Quantity.Illuminance, 1500);
        _clock.Advance(TimeSpan.FromMilliseconds(300));

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(TimeSpan.Zero, took);
        Assert.Equal(1500, samples[0].Value, 0.5 / 1.2);
    }

    [Fact]
    public async Task Values_round_trip_within_one_count_over_the_whole_range()
    {
        var sensor = Sensor(new Bh1750Settings { Resolution = Bh1750Resolution.High2 });
        var random = new Random(5);
        for (var i = 0; i < 200; i++)
        {
            var lux = random.NextDouble() * 65535 / 2.4;
            _light.Set(Quantity.Illuminance, lux);
            Assert.Equal(lux, (await Read(sensor))[0].Value, 0.5 / 2.4);
        }
    }

    [Fact]
    public async Task Sunlight_beyond_the_count_range_is_flagged_as_saturated()
    {
        _light.Set(Quantity.Illuminance, 90_000);

        var sample = (await Read(Sensor()))[0];

        Assert.Equal(Quality.Suspect, sample.Quality);
        Assert.Equal(65535 / 1.2, sample.Value, 3);
    }

    [Fact]
    public async Task Unplugged_and_nacking_chips_give_their_own_errors()
    {
        var sensor = Sensor();
        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;
        _chip.Faults.Nack = true;
        await Assert.ThrowsAsync<SensorNackException>(() => Read(sensor));
        _chip.Faults.Nack = false;
        Assert.Equal(812, (await Read(sensor))[0].Value, 0.5 / 1.2);
    }

    [Fact]
    public async Task Identifying_finds_the_chip_by_its_answer()
    {
        Assert.Equal(new SensorIdentity("BH1750"), await _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None)));
        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None)));
    }
}
