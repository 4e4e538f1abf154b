using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Gateway.Tests.Support;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Edge.Gateway.Tests.Sampling;

public class SensorSamplerTests
{
    private readonly FakeTimeProvider _time = new(Reports.Start);

    private async Task<SensorSampler> SampleAsync(ISensor sensor, int times, SensorProfile? profile = null, TimeSpan? every = null)
    {
        var sampler = new SensorSampler(sensor, profile ?? SensorProfile.Default, _time, NullLogger.Instance);
        for (var i = 0; i < times; i++)
        {
            await sampler.SampleAsync(CancellationToken.None);
            _time.Advance(every ?? TimeSpan.FromSeconds(5));
        }
        return sampler;
    }

    private static SensorProfile With(Quantity quantity, QuantityLimits limits) =>
        SensorProfile.Default with { Limits = new Dictionary<Quantity, QuantityLimits> { [quantity] = limits } };

    [Fact]
    public async Task Sound_levels_average_as_energies_with_min_max_and_count()
    {
        var sampler = await SampleAsync(new ScriptedSensor("mic", Quantity.Noise, 60.0, 70.0), 2);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal(67.4, reading.Value!.Value, 1);
        Assert.Equal((60.0, 70.0, 2), (reading.Min!.Value, reading.Max!.Value, reading.Count!.Value));
        Assert.Equal(Quality.Ok, reading.Quality);
        Assert.Equal("dB(A)", reading.Unit);
    }

    [Fact]
    public async Task Other_quantities_average_arithmetically()
    {
        var sampler = await SampleAsync(new ScriptedSensor("pms", Quantity.Pm2_5, 10.0, 20.0, 60.0), 3);
        Assert.Equal(30, sampler.CloseWindow().Single().Value);
    }

    [Fact]
    public async Task The_calibration_corrects_every_sample_before_it_is_judged_and_averaged()
    {
        var profile = SensorProfile.Default with { Calibration = new LinearCalibration(Quantity.Temperature, -0.5, 1.02, new DateOnly(2026, 10, 1)) };

        var sampler = await SampleAsync(new ScriptedSensor("sht", Quantity.Temperature, 20.0, 24.0), 2, profile);

        var reading = sampler.CloseWindow().Single();
        Assert.Equal(22 * 1.02 - 0.5, reading.Value!.Value, 6);
        Assert.Equal(20 * 1.02 - 0.5, reading.Min!.Value, 6);
        Assert.Equal(new CityBrain.Contracts.Payloads.Calibration(-0.5, 1.02, new DateOnly(2026, 10, 1), Quantity.Temperature), sampler.Calibration!.ToContract());
    }

    [Fact]
    public async Task A_failing_sensor_is_counted_by_kind_and_its_window_is_invalid_never_zero()
    {
        var sampler = await SampleAsync(new ScriptedSensor("scd", Quantity.Co2, new SensorChecksumException("scd", "CRC mismatch in word 0")), 3);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal((0L, 3L), (sampler.Counters.Samples, sampler.Counters.Errors));
        Assert.Equal(3, sampler.Counters.ErrorsByKind["checksum"]);
        Assert.Equal(Quality.Invalid, reading.Quality);
        Assert.Null(reading.Value);
        Assert.Contains("CRC mismatch", reading.Reason);
    }

    [Fact]
    public async Task A_chip_that_reports_its_own_fault_is_counted_as_a_fault()
    {
        var sampler = await SampleAsync(new ScriptedSensor("sgp41", Quantity.VocRaw, new SensorFaultException("sgp41", "the self-test failed")), 2);

        Assert.Equal(2, sampler.Counters.ErrorsByKind["fault"]);
        Assert.Contains("self-test failed", sampler.Counters.LastError);
    }

    [Fact]
    public async Task An_unexpected_exception_from_a_driver_is_counted_too()
    {
        var sampler = await SampleAsync(new ScriptedSensor("odd", Quantity.Co2, 400.0, new IOException("Remote I/O error")), 2);

        Assert.Equal(1, sampler.Counters.ErrorsByKind["other"]);
        Assert.Contains("Remote I/O error", sampler.Counters.LastError);
        Assert.Equal(400, sampler.CloseWindow().Single().Value);
    }

    [Fact]
    public async Task Occasional_failures_do_not_spoil_the_window_but_a_high_crc_error_rate_makes_it_suspect()
    {
        var fine = await SampleAsync(new ScriptedSensor("a", Quantity.Co2, 400.0, new SensorNackException("a", "nack"), 420.0), 3);
        var flaky = await SampleAsync(new ScriptedSensor("b", Quantity.Co2, 400.0, new SensorChecksumException("b", "CRC"), 420.0, 410.0), 4);

        var good = fine.CloseWindow().Single();
        var suspect = flaky.CloseWindow().Single();

        Assert.Equal((410.0, Quality.Ok), (good.Value!.Value, good.Quality));
        Assert.Equal((410.0, Quality.Suspect), (suspect.Value!.Value, suspect.Quality));
        Assert.Equal("CRC errors in 1 of 4 reads", suspect.Reason);
    }

    [Fact]
    public async Task Samples_during_warm_up_are_invalid_and_say_how_long_is_left()
    {
        var profile = SensorProfile.Default with { WarmUp = TimeSpan.FromSeconds(30) };
        var sampler = new SensorSampler(new ScriptedSensor("pms", Quantity.Pm10, 999.0, 999.0, 20.0, 22.0), profile, _time, NullLogger.Instance);

        await sampler.SampleAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        await sampler.SampleAsync(CancellationToken.None);
        var warming = sampler.CloseWindow().Single();
        _time.Advance(TimeSpan.FromSeconds(25));
        await sampler.SampleAsync(CancellationToken.None);
        await sampler.SampleAsync(CancellationToken.None);
        var warm = sampler.CloseWindow().Single();

        Assert.Equal((Quality.Invalid, "warming up (20 s of pre-heat left)"), (warming.Quality, warming.Reason));
        Assert.Null(warming.Value);
        Assert.Equal((21.0, Quality.Ok, 2), (warm.Value!.Value, warm.Quality, warm.Count!.Value));
    }

    [Fact]
    public async Task Values_outside_the_possible_range_are_invalid_and_outside_the_rated_range_suspect()
    {
        var profile = With(Quantity.Temperature, new QuantityLimits(-40, 50, null, 0));
        var sampler = await SampleAsync(new ScriptedSensor("bme", Quantity.Temperature, 150.0, 60.0, 61.0, 20.0), 4, profile);

        var reading = sampler.CloseWindow().Single();

        // 150 °C cannot be reported at all; 60 and 61 are past the chip's rating and outvote the one good sample.
        Assert.Equal((3, Quality.Suspect), (reading.Count!.Value, reading.Quality));
        Assert.Equal("61 Cel is outside the sensor's rated range -40..50", reading.Reason);
        Assert.Equal(47, reading.Value);
    }

    [Fact]
    public async Task A_stuck_value_is_suspect()
    {
        var profile = With(Quantity.Humidity, new QuantityLimits(0, 100, null, StuckAfter: 3));
        var sampler = await SampleAsync(new ScriptedSensor("sht", Quantity.Humidity, 55.5), 6, profile);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal(Quality.Suspect, reading.Quality);
        Assert.Equal("stuck at 55.5 % for 6 samples", reading.Reason);
    }

    [Fact]
    public async Task An_implausible_jump_is_suspect_and_left_out_of_the_mean()
    {
        var profile = With(Quantity.Temperature, new QuantityLimits(-40, 125, MaxJump: 5, StuckAfter: 0));
        var sampler = await SampleAsync(new ScriptedSensor("sht", Quantity.Temperature, 20.0, 20.5, 35.0, 21.0), 4, profile);

        var reading = sampler.CloseWindow().Single();

        // 35 jumps from 20.5; 21 jumps back from 35 (also flagged). The ok samples carry the window.
        Assert.Equal((Quality.Ok, 20.25, 2), (reading.Quality, reading.Value!.Value, reading.Count!.Value));
    }

    [Fact]
    public async Task Suspect_samples_from_the_driver_make_a_suspect_window_when_they_are_the_majority()
    {
        var sampler = await SampleAsync(new ScriptedSensor("pms", Quantity.Pm10,
            new SensorSample(Quantity.Pm10, 0, Quality.Invalid, "fan not running"),
            new SensorSample(Quantity.Pm10, 50, Quality.Suspect, "edge of range"),
            new SensorSample(Quantity.Pm10, 52, Quality.Suspect, "edge of range"),
            40.0), 4);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal((3, Quality.Suspect, "edge of range"), (reading.Count!.Value, reading.Quality, reading.Reason));
    }

    [Fact]
    public async Task Closing_a_window_starts_the_next_one_empty()
    {
        var sampler = await SampleAsync(new ScriptedSensor("sht", Quantity.Temperature, 20.0), 2);
        sampler.CloseWindow();

        var next = sampler.CloseWindow().Single();

        Assert.Equal((Quality.Invalid, 0, "no samples in the window"), (next.Quality, next.Count!.Value, next.Reason));
    }

    [Fact]
    public async Task Each_sensor_samples_at_its_own_interval_and_a_change_applies_at_once()
    {
        var schedule = new TestSchedule(TimeSpan.FromSeconds(10));
        var sensor = new ScriptedSensor("sht", Quantity.Temperature, 20.0);
        var sampler = new SensorSampler(sensor, SensorProfile.Default, _time, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = sampler.RunAsync(schedule, stop.Token);

        await Eventually.HoldsAsync(() => sensor.Reads == 1, "the first read");
        _time.Advance(TimeSpan.FromSeconds(10));
        await Eventually.HoldsAsync(() => sensor.Reads == 2, "the read after one interval");
        schedule.Change(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => sensor.Reads == 3, "a read as soon as the interval changed");
        _time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.HoldsAsync(() => sensor.Reads == 4, "a read after the new, shorter interval");

        await stop.CancelAsync();
        await running;
    }

    private sealed class TestSchedule(TimeSpan interval) : ISamplingSchedule
    {
        private CancellationTokenSource _changed = new();

        public CancellationToken Changed => _changed.Token;

        public TimeSpan IntervalOf(string sensor, TimeSpan? configured) => interval;

        public bool IsEnabled(string sensor) => true;

        public void Change(TimeSpan to)
        {
            interval = to;
            var previous = _changed;
            _changed = new CancellationTokenSource();
            previous.Cancel();
        }
    }

    [Fact]
    public async Task A_compensated_sensor_gets_the_latest_clean_calibrated_temperature_before_each_read()
    {
        var ambient = new AmbientConditions();
        var thermometer = new SensorSampler(new ScriptedSensor("bme", Quantity.Temperature, 31.0, new SensorSample(Quantity.Temperature, 45.0, Quality.Invalid, "broken")),
            SensorProfile.Default with { Calibration = new LinearCalibration(Quantity.Temperature, -1, 1, new DateOnly(2026, 10, 1)) }, _time, NullLogger.Instance, ambient);
        var cells = new CompensatedSensor();
        var gas = new SensorSampler(cells, SensorProfile.Default, _time, NullLogger.Instance, ambient);

        await gas.SampleAsync(CancellationToken.None);
        await thermometer.SampleAsync(CancellationToken.None);
        await gas.SampleAsync(CancellationToken.None);
        await thermometer.SampleAsync(CancellationToken.None);
        await gas.SampleAsync(CancellationToken.None);

        // Nothing before the first temperature; then the calibrated 30; the invalid 45 is never passed on.
        Assert.Equal([30.0, 30.0], cells.Temperatures);
    }

    private sealed class CompensatedSensor : ISensor, ICompensated
    {
        public List<double> Temperatures { get; } = [];

        public string Name => "cells";

        public string Model => "CELLS";

        public IReadOnlyList<Quantity> Quantities => [Quantity.No2];

        public IReadOnlyList<Quantity> CompensatedBy => [Quantity.Temperature];

        public ValueTask CompensateAsync(Quantity quantity, double value, CancellationToken cancellationToken)
        {
            Temperatures.Add(value);
            return ValueTask.CompletedTask;
        }

        public ValueTask<SensorIdentity> IdentifyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new SensorIdentity(Model));

        public ValueTask<IReadOnlyList<SensorSample>> ReadAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<SensorSample>>([new SensorSample(Quantity.No2, 20)]);

        public void Dispose()
        {
        }
    }
}
