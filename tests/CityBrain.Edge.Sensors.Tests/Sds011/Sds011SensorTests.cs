using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sds011;
using CityBrain.Edge.Sensors.Transport;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sds011;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Sensors.Tests.Sds011;

public class Sds011SensorTests
{
    private static readonly Sds011Settings Active = new() { Mode = Sds011Mode.Active };

    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.Pm2_5, 35.4).Set(Quantity.Pm10, 58.2);
    private readonly Sds011Emulator _chip;

    public Sds011SensorTests() => _chip = new Sds011Emulator(_air, _clock);

    private Sds011Sensor Sensor(Sds011Settings? settings = null) => new(_chip, "sds011@ttyUSB0", _clock, settings);

    private Task<IReadOnlyList<SensorSample>> Read(Sds011Sensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    private Task Run(Func<ValueTask> operation) => _clock.Run(async () =>
    {
        await operation();
        return true;
    });

    /// <summary>A read after the fan has run its 30 s.</summary>
    private async Task<IReadOnlyList<SensorSample>> WarmRead(Sds011Sensor sensor)
    {
        _clock.Pass(Sds011Commands.WarmUpTime);
        return await Read(sensor);
    }

    private static double Value(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity).Value;

    private IEnumerable<byte[]> Sets(byte command) =>
        _chip.ReceivedCommands.Where(c => Sds011Commands.Kind(c) == command && Sds011Commands.IsSet(c));

    [Fact]
    public async Task In_query_mode_each_read_asks_for_a_measurement()
    {
        var sensor = Sensor();
        await Read(sensor);
        var queries = _chip.ReceivedCommands.Count(c => Sds011Commands.Kind(c) == Sds011Commands.QueryData);

        var samples = await WarmRead(sensor);

        Assert.Equal(35.4, Value(samples, Quantity.Pm2_5));
        Assert.Equal(58.2, Value(samples, Quantity.Pm10));
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
        Assert.Equal(Sds011Mode.Query, _chip.Mode);
        Assert.Equal(queries + 1, _chip.ReceivedCommands.Count(c => Sds011Commands.Kind(c) == Sds011Commands.QueryData));
    }

    [Fact]
    public async Task The_driver_switches_a_factory_sensor_to_query_mode_with_the_reference_command()
    {
        Assert.Equal(Sds011Mode.Active, _chip.Mode);

        await Read(Sensor());

        Assert.Contains(_chip.ReceivedCommands, c => c.SequenceEqual(Convert.FromHexString("AAB402010100000000000000000000FFFF02AB")));
    }

    [Fact]
    public async Task The_reference_example_values_cross_the_wire_exactly()
    {
        _air.Set(Quantity.Pm2_5, 123.6).Set(Quantity.Pm10, 261.8);

        var samples = await WarmRead(Sensor());

        Assert.Equal(123.6, Value(samples, Quantity.Pm2_5));
        Assert.Equal(261.8, Value(samples, Quantity.Pm10));
    }

    [Fact]
    public async Task In_active_mode_a_read_takes_the_newest_report_without_sending_anything()
    {
        var start = _clock.GetUtcNow();
        _air.Set(Quantity.Pm2_5, at => 10 + (at - start).TotalSeconds);
        var sensor = Sensor(Active);
        await Read(sensor);
        var sent = _chip.ReceivedCommands.Count;
        _clock.Pass(TimeSpan.FromSeconds(10.5));

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(Sds011Mode.Active, _chip.Mode);
        Assert.Equal(sent, _chip.ReceivedCommands.Count);
        var now = 10 + (_clock.GetUtcNow() - start).TotalSeconds;
        Assert.InRange(Value(samples, Quantity.Pm2_5), now - 1.1, now + 0.05);
        Assert.True(took < TimeSpan.FromMilliseconds(100), $"took {took}: the reports were already there");
    }

    [Fact]
    public async Task With_a_working_period_the_sensor_reports_once_per_period_and_warmed_up()
    {
        var sensor = Sensor(new Sds011Settings { Mode = Sds011Mode.Active, WorkingPeriodMinutes = 2 });

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        var (_, next) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal(2, _chip.WorkingPeriodMinutes);
        Assert.InRange(took.TotalSeconds, 119, 121);
        Assert.InRange(next.TotalSeconds, 119, 121);
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
        Assert.Equal(35.4, Value(samples, Quantity.Pm2_5));
    }

    [Fact]
    public async Task Settings_kept_in_the_sensor_flash_are_written_only_when_they_differ()
    {
        var sensor = Sensor();
        await Read(sensor);
        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;

        await Read(sensor);

        Assert.Equal(2, _chip.ReceivedCommands.Count(c => Sds011Commands.Kind(c) == Sds011Commands.ReportMode && !Sds011Commands.IsSet(c)));
        Assert.Single(Sets(Sds011Commands.ReportMode));
        Assert.Empty(Sets(Sds011Commands.WorkingPeriod));
        Assert.Equal(Sds011Mode.Query, _chip.Mode);
    }

    [Fact]
    public async Task Reads_are_suspect_until_the_fan_has_run_30_seconds()
    {
        var sensor = Sensor();

        var early = await Read(sensor);
        _clock.Pass(TimeSpan.FromSeconds(20));
        var later = await Read(sensor);
        _clock.Pass(TimeSpan.FromSeconds(10));
        var warm = await Read(sensor);

        Assert.All(early.Concat(later), s => Assert.Equal(Quality.Suspect, s.Quality));
        Assert.Contains("warming up", early[0].Reason);
        Assert.Equal(35.4, Value(early, Quantity.Pm2_5));
        Assert.All(warm, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task An_all_zero_frame_is_never_a_clean_zero()
    {
        _air.Set(Quantity.Pm2_5, 0).Set(Quantity.Pm10, 0);

        var samples = await WarmRead(Sensor());

        Assert.All(samples, s => Assert.Equal((0.0, Quality.Suspect), (s.Value, s.Quality)));
        Assert.Contains("all-zero", samples[0].Reason);
    }

    [Fact]
    public async Task Sleep_stops_the_sensor_and_the_next_read_wakes_it_with_suspect_values()
    {
        var sensor = Sensor(Active);
        await WarmRead(sensor);

        await Run(() => sensor.SleepAsync(CancellationToken.None));
        Assert.True(_chip.Asleep);
        _clock.Pass(TimeSpan.FromMinutes(10));
        var woken = await Read(sensor);

        Assert.False(_chip.Asleep);
        Assert.All(woken, s => Assert.Equal(Quality.Suspect, s.Quality));
        Assert.All(await WarmRead(sensor), s => Assert.Equal((s.Quantity == Quantity.Pm10 ? 58.2 : 35.4, Quality.Ok), (s.Value, s.Quality)));
    }

    [Fact]
    public async Task Waking_ahead_of_a_read_lets_the_warm_up_pass_before_it()
    {
        var sensor = Sensor();
        await Read(sensor);
        await Run(() => sensor.SleepAsync(CancellationToken.None));

        await Run(() => sensor.WakeAsync(CancellationToken.None));
        var samples = await WarmRead(sensor);

        Assert.False(_chip.Asleep);
        Assert.All(samples, s => Assert.Equal(Quality.Ok, s.Quality));
    }

    [Fact]
    public async Task Identify_returns_the_device_id_and_the_firmware_date()
    {
        var identity = await _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None));

        Assert.Equal(new SensorIdentity("SDS011", "firmware 2018-11-16", "A160"), identity);
    }

    /// <summary>Sends a command straight to the emulated sensor and waits for its reply, as a driver would.</summary>
    private Task<byte[]> Ask(UartChannel uart, byte[] command) => _clock.Run(async () =>
    {
        await uart.SendAsync(command, TimeSpan.FromSeconds(1), CancellationToken.None);
        return await uart.ReceiveAsync(Sds011FrameFormat.SensorFrames, f => Sds011Commands.IsReplyTo(f, Sds011Commands.Kind(command)), TimeSpan.FromSeconds(1), CancellationToken.None);
    });

    [Fact]
    public async Task Commands_for_another_device_id_are_ignored()
    {
        using var uart = new UartChannel(_chip, _clock, "sds011", NullLogger.Instance);

        await Assert.ThrowsAsync<SensorTimeoutException>(() => Ask(uart, Sds011Commands.Frame(Sds011Commands.Firmware, device: 0x1234)));
        var reply = await Ask(uart, Sds011Commands.Frame(Sds011Commands.Firmware, device: 0xA160));

        Assert.Equal(0xA160, Sds011Commands.DeviceId(reply));
    }

    [Fact]
    public async Task Asleep_the_sensor_answers_only_sleep_work()
    {
        using var uart = new UartChannel(_chip, _clock, "sds011", NullLogger.Instance);

        await Ask(uart, Sds011Commands.SetSleep(true));
        await Assert.ThrowsAsync<SensorTimeoutException>(() => Ask(uart, Sds011Commands.ReadFirmware()));
        await Assert.ThrowsAsync<SensorTimeoutException>(() => Ask(uart, Sds011Commands.Query()));
        var woken = await Ask(uart, Sds011Commands.SetSleep(false));
        var firmware = await Ask(uart, Sds011Commands.ReadFirmware());

        Assert.Equal(Sds011Commands.Work, Sds011Commands.Value(woken));
        Assert.Equal(Sds011Commands.Firmware, Sds011Commands.Kind(firmware));
    }

    [Fact]
    public async Task Identifying_a_sleeping_sensor_wakes_it()
    {
        var sensor = Sensor();
        await Read(sensor);
        await Run(() => sensor.SleepAsync(CancellationToken.None));

        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));

        Assert.Equal("A160", identity.SerialNumber);
        Assert.False(_chip.Asleep);
    }

    [Fact]
    public async Task A_new_device_id_is_taken_and_identifies_the_sensor_afterwards()
    {
        var sensor = Sensor();

        var id = await _clock.Run(() => sensor.ChangeDeviceIdAsync(0x1234, CancellationToken.None));
        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));

        Assert.Equal(0x1234, id);
        Assert.Equal(0x1234, _chip.DeviceId);
        Assert.Equal("1234", identity.SerialNumber);
    }

    [Theory]
    [InlineData(Sds011Mode.Query)]
    [InlineData(Sds011Mode.Active)]
    public async Task A_wrong_checksum_is_an_error_never_a_value(Sds011Mode mode)
    {
        var sensor = Sensor(new Sds011Settings { Mode = mode });
        await WarmRead(sensor);
        _chip.Faults.CorruptChecksum = true;

        var error = await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));

        Assert.Contains("checksum", error.Message);
        _chip.Faults.CorruptChecksum = false;
        Assert.Equal(35.4, Value(await Read(sensor), Quantity.Pm2_5));
    }

    [Theory]
    [InlineData(Sds011Mode.Query)]
    [InlineData(Sds011Mode.Active)]
    public async Task Garbage_between_frames_is_skipped(Sds011Mode mode)
    {
        _chip.Faults.Garbage = true;
        var sensor = Sensor(new Sds011Settings { Mode = mode });
        await WarmRead(sensor);

        for (var i = 0; i < 20; i++)
        {
            _clock.Pass(TimeSpan.FromSeconds(1));
            var samples = await Read(sensor);
            Assert.Equal((35.4, 58.2), (Value(samples, Quantity.Pm2_5), Value(samples, Quantity.Pm10)));
        }
    }

    [Theory]
    [InlineData(Sds011Mode.Query)]
    [InlineData(Sds011Mode.Active)]
    public async Task An_unplugged_sensor_times_out_and_after_replugging_warms_up_again(Sds011Mode mode)
    {
        var sensor = Sensor(new Sds011Settings { Mode = mode });
        await WarmRead(sensor);

        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;
        var replugged = await Read(sensor);
        var warm = await WarmRead(sensor);

        Assert.All(replugged, s => Assert.Equal(Quality.Suspect, s.Quality));
        Assert.Equal(35.4, Value(warm, Quantity.Pm2_5));
        Assert.All(warm, s => Assert.Equal(Quality.Ok, s.Quality));
        Assert.Equal(mode, _chip.Mode);
    }

    [Fact]
    public async Task A_port_that_closed_is_an_absent_sensor()
    {
        var sensor = Sensor();
        await Read(sensor);

        _chip.Dispose();

        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
    }

    [Fact]
    public async Task A_host_at_the_wrong_baud_rate_hears_garbage_and_is_told_so()
    {
        _chip.Connect(115_200);

        var error = await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(Sensor(Active)));

        Assert.Contains("baud rate", error.Message);
    }

    [Fact]
    public async Task A_concentration_beyond_999_9_is_a_range_error()
    {
        _air.Set(Quantity.Pm10, 1200);
        await Assert.ThrowsAsync<SensorRangeException>(() => WarmRead(Sensor()));
    }

    [Fact]
    public async Task Values_round_trip_within_a_tenth_over_the_whole_range()
    {
        var sensor = Sensor();
        await WarmRead(sensor);
        var random = new Random(11);
        for (var i = 0; i < 300; i++)
        {
            var (pm2_5, pm10) = (random.NextDouble() * Sds011Commands.MaxConcentration, random.NextDouble() * Sds011Commands.MaxConcentration);
            _air.Set(Quantity.Pm2_5, pm2_5).Set(Quantity.Pm10, pm10);

            var samples = await Read(sensor);

            Assert.Equal(pm2_5, Value(samples, Quantity.Pm2_5), 0.05 + 1e-9);
            Assert.Equal(pm10, Value(samples, Quantity.Pm10), 0.05 + 1e-9);
        }
    }
}
