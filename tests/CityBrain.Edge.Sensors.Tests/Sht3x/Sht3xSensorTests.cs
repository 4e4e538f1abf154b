using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sht3x;
using CityBrain.Edge.Sensors.Timing;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht3x;

namespace CityBrain.Edge.Sensors.Tests.Sht3x;

public class Sht3xSensorTests
{
    private static readonly Sht3xSettings Periodic = new() { Mode = Sht3xMode.Periodic, Rate = Sht3xRate.Mps1 };

    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.Temperature, 19.25).Set(Quantity.Humidity, 62.5);
    private readonly Sht3xEmulator _chip;

    public Sht3xSensorTests() => _chip = new Sht3xEmulator(_air, _clock);

    private Sht3xSensor Sensor(Sht3xSettings? settings = null) => new(_chip, "sht3x@1:0x44", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Sht3xSensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    [Theory]
    [InlineData(0, -45, 0)]
    [InlineData(0xFFFF, 130, 100)]
    public void Ticks_convert_as_in_the_datasheet(int ticks, double celsius, double percent)
    {
        Assert.Equal(celsius, SensirionTicks.Temperature((ushort)ticks), 6);
        Assert.Equal(percent, SensirionTicks.Humidity((ushort)ticks), 6);
    }

    [Fact]
    public async Task A_single_shot_uses_the_no_stretch_command_and_waits_its_maximum_duration()
    {
        var sensor = Sensor();
        var (samples, _) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        var (_, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(19.25, samples[0].Value, 2);
        Assert.Equal(62.5, samples[1].Value, 2);
        Assert.Equal(TimeSpan.FromMilliseconds(15) + Polling.TimerMargin, took);
        Assert.Equal([Sht3xCommands.Break, Sht3xCommands.SoftReset, 0x2400, 0x2400], _chip.Commands);
    }

    [Fact]
    public async Task Identifies_the_chip_by_serial_number_and_status_after_reset()
    {
        var identity = await _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None));

        Assert.Equal("0C0FFEE5", identity.SerialNumber);
        Assert.Equal("status 0x8010", identity.ChipId);
    }

    [Fact]
    public async Task In_periodic_mode_a_fetch_returns_the_latest_result_and_the_next_read_waits_for_a_new_one()
    {
        var sensor = Sensor(Periodic);
        var (first, tookFirst) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        Assert.Equal(19.25, first[0].Value, 2);
        Assert.InRange(tookFirst.TotalMilliseconds, 12.5, 120);

        _air.Set(Quantity.Temperature, 23);
        var (second, tookSecond) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(23, second[0].Value, 2);
        Assert.InRange(tookSecond.TotalMilliseconds, 800, 1100);
        Assert.Contains(Sht3xCommands.Periodic(Sht3xRate.Mps1, Sht3xRepeatability.High), _chip.Commands);
    }

    [Fact]
    public async Task Identifying_a_periodically_measuring_chip_breaks_the_measurement_and_the_next_read_restarts_it()
    {
        var sensor = Sensor(Periodic);
        await Read(sensor);

        await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));
        await Read(sensor);

        Assert.Equal(2, _chip.Commands.Count(c => c == Sht3xCommands.Periodic(Sht3xRate.Mps1, Sht3xRepeatability.High)));
    }

    [Fact]
    public async Task A_chip_that_stopped_measuring_periodically_is_a_timeout_and_is_started_again()
    {
        var sensor = Sensor(Periodic);
        await Read(sensor);
        _chip.Faults.Unplugged = true;
        _chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        Assert.Equal(19.25, (await Read(sensor))[0].Value, 2);
    }

    [Fact]
    public async Task Values_round_trip_within_the_chip_resolution_over_the_whole_range()
    {
        var sensor = Sensor(new Sht3xSettings { Repeatability = Sht3xRepeatability.Low });
        var random = new Random(3);
        for (var i = 0; i < 300; i++)
        {
            var (t, rh) = (-40 + random.NextDouble() * 165, random.NextDouble() * 100);
            _air.Set(Quantity.Temperature, t).Set(Quantity.Humidity, rh);

            var samples = await Read(sensor);

            Assert.Equal(t, samples[0].Value, 175.0 / 65535 / 2);
            Assert.Equal(rh, samples[1].Value, 100.0 / 65535 / 2);
        }
    }

    [Fact]
    public async Task A_bad_crc_is_an_error_never_a_value()
    {
        var sensor = Sensor();
        _chip.Faults.CorruptChecksum = true;
        await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
    }

    [Fact]
    public async Task Unplugged_nacking_and_slow_chips_give_their_own_errors()
    {
        var sensor = Sensor();
        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;
        _clock.Advance(TimeSpan.FromSeconds(1));

        _chip.Faults.Nack = true;
        await Assert.ThrowsAsync<SensorNackException>(() => Read(sensor));
        _chip.Faults.Nack = false;

        _chip.Faults.ExtraDelay = TimeSpan.FromMilliseconds(100);
        await Assert.ThrowsAsync<SensorNackException>(() => Read(sensor));
        _chip.Faults.ExtraDelay = TimeSpan.Zero;

        Assert.Equal(62.5, (await Read(sensor))[1].Value, 2);
    }
}
