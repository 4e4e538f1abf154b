using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Pms5003;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Pms5003;

namespace CityBrain.Edge.Sensors.Tests.Pms5003;

public class Pms5003SensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.Pm1, 12).Set(Quantity.Pm2_5, 25).Set(Quantity.Pm10, 40);
    private readonly Pms5003Emulator _chip;

    public Pms5003SensorTests() => _chip = new Pms5003Emulator(_air, _clock);

    public static TheoryData<Pms5003Mode> Modes => [Pms5003Mode.Passive, Pms5003Mode.Active];

    private Pms5003Sensor Sensor(Pms5003Mode mode = Pms5003Mode.Passive) =>
        new(_chip, "pms5003@ttyAMA0", _clock, new Pms5003Settings { Mode = mode });

    private Task<IReadOnlyList<SensorSample>> Read(Pms5003Sensor sensor) => _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

    private Task<bool> Run(Func<CancellationToken, ValueTask> operation) => _clock.Run(async () =>
    {
        await operation(CancellationToken.None);
        return true;
    });

    /// <summary>A sensor past the warm-up that set-up starts.</summary>
    private async Task<Pms5003Sensor> WarmSensor(Pms5003Mode mode = Pms5003Mode.Passive)
    {
        var sensor = Sensor(mode);
        await Read(sensor);
        _clock.Pass(Pms5003Commands.WarmUpTime);
        return sensor;
    }

    private static SensorSample Of(IReadOnlyList<SensorSample> samples, Quantity quantity) => samples.Single(s => s.Quantity == quantity);

    private static void AssertReads(IReadOnlyList<SensorSample> samples, double pm1, double pm2_5, double pm10, Quality quality = Quality.Ok)
    {
        Assert.Equal([Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm10], samples.Select(s => s.Quantity));
        Assert.Equal([pm1, pm2_5, pm10], samples.Select(s => s.Value));
        Assert.All(samples, s => Assert.Equal(quality, s.Quality));
    }

    [Fact]
    public async Task Passive_mode_is_set_with_the_reference_command_and_each_read_asks_for_a_frame()
    {
        var sensor = await WarmSensor();

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        AssertReads(samples, 12, 25, 40);
        Assert.Equal(Pms5003Mode.Passive, _chip.Mode);
        Assert.Equal(
            [Pms5003Commands.Wake(), Pms5003Commands.SetMode(Pms5003Mode.Passive), Pms5003Commands.PassiveRead(), Pms5003Commands.PassiveRead()],
            _chip.ReceivedCommands);
        Assert.InRange(took.TotalMilliseconds, 33, 100);
    }

    [Fact]
    public async Task Active_mode_waits_for_the_first_report_then_takes_the_newest_of_those_queued()
    {
        var sensor = Sensor(Pms5003Mode.Active);
        var (_, tookFirst) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));
        var change = _clock.GetUtcNow() + TimeSpan.FromSeconds(30);
        _air.Set(Quantity.Pm2_5, at => at < change ? 25 : 60);
        _clock.Pass(TimeSpan.FromSeconds(35));

        var (samples, took) = await _clock.Timed(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal([Pms5003Commands.Wake(), Pms5003Commands.SetMode(Pms5003Mode.Active)], _chip.ReceivedCommands);
        Assert.InRange(tookFirst.TotalSeconds, 2.3, 2.5);
        AssertReads(samples, 12, 60, 40);
        Assert.InRange(took.TotalMilliseconds, 25, 100);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Frames_within_the_warm_up_after_set_up_are_suspect_and_ok_after_it(Pms5003Mode mode)
    {
        var sensor = Sensor(mode);

        var first = await Read(sensor);
        _clock.Pass(Pms5003Commands.WarmUpTime - TimeSpan.FromSeconds(5));
        var late = await Read(sensor);
        _clock.Pass(TimeSpan.FromSeconds(5));
        var warm = await Read(sensor);

        AssertReads(first, 12, 25, 40, Quality.Suspect);
        Assert.Contains("fan", first[0].Reason);
        AssertReads(late, 12, 25, 40, Quality.Suspect);
        AssertReads(warm, 12, 25, 40);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task An_unplugged_chip_times_out_and_after_replugging_its_zero_frames_are_suspect_until_warm(Pms5003Mode mode)
    {
        var sensor = await WarmSensor(mode);
        _chip.Faults.Unplugged = true;

        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;
        var pluggedIn = _clock.GetUtcNow();
        var readings = new List<(TimeSpan After, SensorSample Pm2_5)>();
        while (_clock.GetUtcNow() - pluggedIn < TimeSpan.FromSeconds(40))
        {
            readings.Add((_clock.GetUtcNow() - pluggedIn, Of(await Read(sensor), Quantity.Pm2_5)));
            _clock.Pass(TimeSpan.FromSeconds(1));
        }

        // The warm-up counts from the last all-zero frame: the fan had only just started then.
        var lastZero = readings.Last(r => r.Pm2_5.Value == 0).After;
        Assert.InRange(lastZero, TimeSpan.Zero, Pms5003Emulator.SpinUp);
        Assert.All(readings.Where(r => r.Pm2_5.Value != 25 || r.After < lastZero + Pms5003Commands.WarmUpTime),
            r => Assert.Equal(Quality.Suspect, r.Pm2_5.Quality));
        Assert.Equal(new SensorSample(Quantity.Pm2_5, 25), readings[^1].Pm2_5);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task A_wrong_checksum_is_an_error_never_a_value_and_does_not_restart_the_warm_up(Pms5003Mode mode)
    {
        var sensor = await WarmSensor(mode);
        _chip.Faults.CorruptChecksum = true;

        var error = await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
        _chip.Faults.CorruptChecksum = false;
        _clock.Pass(Pms5003Commands.ReportInterval);

        Assert.Contains("checksum", error.Message);
        AssertReads(await Read(sensor), 12, 25, 40);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Garbage_between_frames_is_skipped(Pms5003Mode mode)
    {
        var sensor = await WarmSensor(mode);
        _chip.Faults.Garbage = true;

        for (var i = 0; i < 20; i++)
        {
            _clock.Pass(Pms5003Commands.ReportInterval);
            AssertReads(await Read(sensor), 12, 25, 40);
        }
    }

    [Fact]
    public async Task A_host_at_the_wrong_baud_rate_never_gets_a_value_and_is_told_to_check_the_baud_rate()
    {
        _chip.Connect(115200);
        var sensor = Sensor(Pms5003Mode.Active);
        var errors = new List<SensorTimeoutException>();

        // The chip's own reports, noise at this rate, fall into some of the waits for its answer to the mode command.
        for (var i = 0; i < 5; i++) errors.Add(await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor)));

        Assert.Contains(errors, e => e.Message.Contains("baud rate", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Sleep_stops_the_fan_and_wake_restarts_it_with_its_warm_up(Pms5003Mode mode)
    {
        var sensor = await WarmSensor(mode);

        await Run(sensor.SleepAsync);
        Assert.True(_chip.Asleep);
        Assert.Equal(Pms5003Commands.Sleep(), _chip.ReceivedCommands[^1]);
        _clock.Pass(TimeSpan.FromMinutes(10));
        await Run(sensor.WakeAsync);
        Assert.False(_chip.Asleep);
        var woken = await Read(sensor);
        _clock.Pass(Pms5003Emulator.SpinUp + Pms5003Commands.WarmUpTime);
        var warm = await Read(sensor);

        AssertReads(woken, 0, 0, 0, Quality.Suspect);
        AssertReads(warm, 12, 25, 40);
        Assert.Equal(mode, _chip.Mode);
    }

    [Fact]
    public async Task A_read_of_a_sleeping_chip_wakes_it_and_is_suspect()
    {
        var sensor = await WarmSensor(Pms5003Mode.Active);
        await Run(sensor.SleepAsync);

        var samples = await Read(sensor);

        Assert.False(_chip.Asleep);
        Assert.Equal(Pms5003Commands.Wake(), _chip.ReceivedCommands[^1]);
        Assert.All(samples, s => Assert.Equal(Quality.Suspect, s.Quality));
    }

    [Fact]
    public async Task A_chip_left_asleep_by_an_earlier_run_is_woken_by_the_set_up()
    {
        var sensor = await WarmSensor();
        await Run(sensor.SleepAsync);
        using var restarted = Sensor();

        var samples = await Read(restarted);

        Assert.False(_chip.Asleep);
        Assert.All(samples, s => Assert.Equal(Quality.Suspect, s.Quality));
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task Atmospheric_values_round_trip_within_1_ug_per_m3_over_the_whole_range(Pms5003Mode mode)
    {
        var sensor = await WarmSensor(mode);
        var random = new Random(5003);
        for (var i = 0; i < 150; i++)
        {
            // Cumulative sizes: PM1 ≤ PM2.5 ≤ PM10. Above 30 µg/m³ the CF=1 words differ, so a driver reading them fails.
            var pm10 = random.NextDouble() * 1000;
            var pm2_5 = pm10 * random.NextDouble();
            var pm1 = pm2_5 * random.NextDouble();
            _air.Set(Quantity.Pm1, pm1).Set(Quantity.Pm2_5, pm2_5).Set(Quantity.Pm10, pm10);
            _clock.Pass(Pms5003Commands.ReportInterval);

            var samples = await Read(sensor);

            foreach (var (quantity, value) in new[] { (Quantity.Pm1, pm1), (Quantity.Pm2_5, pm2_5), (Quantity.Pm10, pm10) })
            {
                var sample = Of(samples, quantity);
                Assert.Equal(value, sample.Value, 0.5);
                Assert.Equal(sample.Value > 500 ? Quality.Suspect : Quality.Ok, sample.Quality);
            }
        }
    }

    [Fact]
    public async Task A_value_beyond_the_maximum_range_is_a_range_error()
    {
        var sensor = await WarmSensor();
        _air.Set(Quantity.Pm10, 1200);

        await Assert.ThrowsAsync<SensorRangeException>(() => Read(sensor));
    }

    [Fact]
    public async Task Identifying_takes_the_answer_to_the_mode_command_and_an_absent_chip_times_out()
    {
        var sensor = Sensor();
        var identity = await _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None));
        _chip.Faults.Unplugged = true;

        Assert.Equal(new SensorIdentity("PMS5003"), identity);
        await Assert.ThrowsAsync<SensorTimeoutException>(() => _clock.Run(() => sensor.IdentifyAsync(CancellationToken.None)));
    }
}
