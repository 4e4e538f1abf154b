using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.MhZ19b;
using CityBrain.Simulators.Chips.MhZ19b;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Edge.Sensors.Tests.MhZ19b;

public class MhZ19bSensorTests
{
    private readonly ChipClock _clock = new();
    private readonly Ambient _air = new Ambient().Set(Quantity.Co2, 612).Set(Quantity.Temperature, 21);
    private readonly MhZ19bEmulator _chip;

    public MhZ19bSensorTests() => _chip = new MhZ19bEmulator(_air, _clock);

    private MhZ19bSensor Sensor(MhZ19bSettings? settings = null) => new(_chip, "mhz19b@ttyAMA0", _clock, settings);

    private async Task<SensorSample> Read(MhZ19bSensor sensor) => (await _clock.Run(() => sensor.ReadAsync(CancellationToken.None))).Single();

    /// <summary>Lets chip time pass the way a driver's wait does. After a timed-out read the driver's port read is
    /// still pending; advancing the clock outside <see cref="ChipClock.Run"/> would complete it under xunit's
    /// synchronisation context, on the thread pool, behind the clock's back.</summary>
    private Task Wait(TimeSpan time) => _clock.Run(async () =>
    {
        await Task.Delay(time, _clock);
        return true;
    });

    /// <summary>A sensor whose driver has seen the chip answer for the whole pre-heat.</summary>
    private async Task<MhZ19bSensor> PreHeated(MhZ19bSettings? settings = null)
    {
        var sensor = Sensor(settings);
        await Read(sensor);
        await Wait(MhZ19bCommands.PreHeat);
        return sensor;
    }

    private Task<int> Calibrate(MhZ19bSensor sensor) => _clock.Run(() => sensor.CalibrateZeroPointAsync(CancellationToken.None));

    private List<string> Commands() => [.. _chip.ReceivedCommands.Select(Convert.ToHexString)];

    [Theory]
    [InlineData("FF8602200000000058", 544)]
    [InlineData("FF8601790000000000", 377)]
    public async Task The_datasheet_answers_read_exactly(string answer, int ppm)
    {
        var sensor = new MhZ19bSensor(new ScriptedPort(_clock, command => command.SequenceEqual(MhZ19bCommands.Read()), Convert.FromHexString(answer)), "mhz19b", _clock);

        var sample = await Read(sensor);

        Assert.Equal(new SensorSample(Quantity.Co2, ppm), sample with { Quality = Quality.Ok, Reason = null });
    }

    [Fact]
    public async Task Only_co2_is_reported_not_the_unreliable_temperature_byte()
    {
        var sensor = await PreHeated();

        var samples = await _clock.Run(() => sensor.ReadAsync(CancellationToken.None));

        Assert.Equal([Quantity.Co2], sensor.Quantities);
        Assert.Equal([new SensorSample(Quantity.Co2, 612)], samples);
    }

    [Fact]
    public async Task Set_up_turns_baseline_correction_on_by_default_and_sets_the_range_then_reads()
    {
        await Read(Sensor());

        Assert.Equal(["FF0179A000000000E6", "FF01990000001388CB", "FF0186000000000079"], Commands());
        Assert.True(_chip.AutomaticBaselineCorrection);
        Assert.Equal(5000, _chip.DetectionRange);
    }

    [Fact]
    public async Task Baseline_correction_turned_off_stays_off_after_the_chip_is_power_cycled()
    {
        var sensor = await PreHeated(new MhZ19bSettings { AutomaticBaselineCorrection = false });
        Assert.Equal("FF0179000000000086", Commands()[0]);
        Assert.False(_chip.AutomaticBaselineCorrection);

        _chip.Faults.Unplugged = true;
        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;
        await Read(sensor);

        Assert.Equal(2, Commands().Count(c => c == "FF0179000000000086"));
        Assert.False(_chip.AutomaticBaselineCorrection);
    }

    [Fact]
    public async Task The_detection_range_goes_in_bytes_6_and_7_and_readings_at_its_ceiling_are_suspect()
    {
        var sensor = await PreHeated(new MhZ19bSettings { DetectionRange = 2000 });
        Assert.Contains("FF019900000007D08F", Commands());
        Assert.Equal(2000, _chip.DetectionRange);

        _air.Set(Quantity.Co2, 1500);
        var within = await Read(sensor);
        _air.Set(Quantity.Co2, 2600);
        var beyond = await Read(sensor);

        Assert.Equal(new SensorSample(Quantity.Co2, 1500), within);
        Assert.Equal((2000, Quality.Suspect), (beyond.Value, beyond.Quality));
        Assert.Contains("2000 ppm detection range", beyond.Reason);
    }

    [Fact]
    public async Task Readings_are_suspect_for_the_three_minutes_of_pre_heat_then_ok()
    {
        var sensor = Sensor();

        var first = await Read(sensor);
        await Wait(MhZ19bCommands.PreHeat - TimeSpan.FromSeconds(10));
        var late = await Read(sensor);
        await Wait(TimeSpan.FromSeconds(10));
        var warm = await Read(sensor);

        Assert.Equal((612, Quality.Suspect), (first.Value, first.Quality));
        Assert.StartsWith("pre-heat", first.Reason);
        Assert.Equal(Quality.Suspect, late.Quality);
        Assert.Equal(new SensorSample(Quantity.Co2, 612), warm);
    }

    [Fact]
    public async Task An_unplugged_chip_times_out_and_after_replugging_its_pre_heat_readings_are_suspect_until_it_is_warm()
    {
        var sensor = await PreHeated();
        _chip.Faults.Unplugged = true;

        var error = await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        _chip.Faults.Unplugged = false;
        var heating = await Read(sensor);
        await Wait(MhZ19bCommands.PreHeat);
        var warm = await Read(sensor);

        Assert.Contains("no answer", error.Message);
        Assert.Equal((MhZ19bEmulator.PreHeatReading, Quality.Suspect), (heating.Value, heating.Quality));
        Assert.Equal(new SensorSample(Quantity.Co2, 612), warm);
    }

    [Fact]
    public async Task A_closed_port_is_absent()
    {
        var sensor = await PreHeated();
        _chip.Dispose();

        await Assert.ThrowsAsync<SensorAbsentException>(() => Read(sensor));
    }

    [Fact]
    public async Task A_bad_checksum_is_an_error_never_a_value_and_the_next_good_answer_is_read()
    {
        var sensor = await PreHeated();
        _chip.Faults.CorruptChecksum = true;

        var error = await Assert.ThrowsAsync<SensorChecksumException>(() => Read(sensor));
        _chip.Faults.CorruptChecksum = false;

        Assert.Contains("FF860264", error.Message);
        Assert.Equal(new SensorSample(Quantity.Co2, 612), await Read(sensor));
    }

    [Fact]
    public async Task Garbage_before_the_answers_is_skipped()
    {
        var sensor = await PreHeated();
        _chip.Faults.Garbage = true;

        for (var ppm = 400; ppm < 1400; ppm += 20)
        {
            _air.Set(Quantity.Co2, ppm);
            Assert.Equal(new SensorSample(Quantity.Co2, ppm), await Read(sensor));
        }
    }

    [Fact]
    public async Task An_answer_later_than_the_deadline_is_a_timeout_and_is_not_taken_for_the_next_read()
    {
        var sensor = await PreHeated();
        _chip.Faults.ExtraDelay = MhZ19bCommands.AnswerTimeout + TimeSpan.FromMilliseconds(100);

        await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));
        _chip.Faults.ExtraDelay = TimeSpan.Zero;
        _air.Set(Quantity.Co2, 950);
        await Wait(TimeSpan.FromSeconds(1));
        var next = await Read(sensor);

        Assert.Equal(950, next.Value);
    }

    [Fact]
    public async Task A_host_at_the_wrong_baud_rate_gets_no_answer()
    {
        var sensor = Sensor();
        _chip.Connect(115_200);

        var error = await Assert.ThrowsAsync<SensorTimeoutException>(() => Read(sensor));

        Assert.Contains("wiring", error.Message);
        Assert.Empty(_chip.ReceivedCommands);
    }

    [Fact]
    public async Task Zero_point_calibration_makes_the_current_air_400_ppm()
    {
        _chip.ZeroError = 60;
        _air.Set(Quantity.Co2, 410);
        var sensor = await PreHeated();

        var before = await Calibrate(sensor);
        var fresh = await Read(sensor);
        _air.Set(Quantity.Co2, 900);
        var later = await Read(sensor);

        Assert.Equal(470, before);
        Assert.Contains("FF0187000000000078", Commands());
        Assert.Equal(400, fresh.Value);
        Assert.Equal(890, later.Value);
    }

    [Fact]
    public async Task Zero_point_calibration_is_refused_during_pre_heat()
    {
        var sensor = Sensor();
        await Read(sensor);
        await Wait(TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Calibrate(sensor));

        Assert.Contains("pre-heat", error.Message);
        Assert.DoesNotContain("FF0187000000000078", Commands());
        Assert.Equal(0, _chip.ZeroError);
    }

    [Fact]
    public async Task Span_calibration_makes_the_calibration_gas_read_its_concentration_and_keeps_the_zero()
    {
        _chip.SpanGain = 0.9; // an ageing chip reading 10 % low above fresh air
        _air.Set(Quantity.Co2, 2000);
        var sensor = await PreHeated();

        var before = await _clock.Run(() => sensor.CalibrateSpanAsync(2000, CancellationToken.None));
        var inGas = await Read(sensor);
        _air.Set(Quantity.Co2, 400);
        var fresh = await Read(sensor);
        _air.Set(Quantity.Co2, 1200);
        var between = await Read(sensor);

        Assert.Equal(1840, before); // 400 + 0.9·1600
        Assert.Contains("FF018807D0000000A0", Commands());
        Assert.Equal(2000, inGas.Value);
        Assert.Equal(400, fresh.Value);
        Assert.Equal(1200, between.Value);
    }

    [Theory]
    [InlineData(999)]
    [InlineData(5001)] // above the default 5000 ppm detection range
    [InlineData(0)]
    public async Task A_span_outside_1000_to_the_detection_range_is_refused_before_anything_is_sent(int ppm)
    {
        var sensor = await PreHeated();
        var sent = _chip.ReceivedCommands.Count;

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _clock.Run(() => sensor.CalibrateSpanAsync(ppm, CancellationToken.None)));

        Assert.Contains("1000..5000 ppm", error.Message);
        Assert.Equal(sent, _chip.ReceivedCommands.Count);
        Assert.Equal((1000, 5000), sensor.SpanRange);
    }

    [Fact]
    public async Task Span_calibration_is_refused_during_pre_heat_and_the_wait_left_is_known()
    {
        var sensor = Sensor(new MhZ19bSettings { DetectionRange = 10_000 });
        Assert.Equal(MhZ19bCommands.PreHeat, sensor.UntilReady);
        await Read(sensor);
        await Wait(TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _clock.Run(() => sensor.CalibrateSpanAsync(2000, CancellationToken.None)));

        Assert.Contains("span calibration refused during the pre-heat", error.Message);
        Assert.DoesNotContain(Commands(), c => c.StartsWith("FF0188", StringComparison.Ordinal));
        Assert.Equal(1, _chip.SpanGain);
        // The pre-heat counts from the chip's first answer, a few milliseconds after the first command.
        Assert.InRange(sensor.UntilReady, TimeSpan.FromSeconds(59), TimeSpan.FromMinutes(1));
        await Wait(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, sensor.UntilReady);
        Assert.Equal((1000, 10_000), sensor.SpanRange);
    }

    [Fact]
    public async Task Identification_is_a_valid_answer()
    {
        var identity = await _clock.Run(() => Sensor().IdentifyAsync(CancellationToken.None));

        Assert.Equal(new SensorIdentity("MH-Z19B"), identity);
    }

    [Theory]
    [InlineData(2000)]
    [InlineData(5000)]
    [InlineData(10_000)]
    public async Task Values_round_trip_within_a_ppm_across_the_detection_range(int range)
    {
        var sensor = await PreHeated(new MhZ19bSettings { DetectionRange = range });
        var random = new Random(range);
        for (var i = 0; i < 100; i++)
        {
            var co2 = random.NextDouble() * (range - 1);
            _air.Set(Quantity.Co2, co2);

            var sample = await Read(sensor);

            Assert.InRange(sample.Value, co2 - 1, co2 + 1);
            Assert.Equal(Quality.Ok, sample.Quality);
        }
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(5000, true)]
    [InlineData(10_000, true)]
    [InlineData(3000, false)]
    [InlineData(0, false)]
    public void Settings_take_only_the_chip_detection_ranges(int range, bool valid)
    {
        var problems = new MhZ19bSettings { DetectionRange = range }.Validate().ToList();

        Assert.Equal(valid, problems.Count == 0);
        Assert.All(problems, p => Assert.Equal(nameof(MhZ19bSettings.DetectionRange), p.Option));
    }
}
