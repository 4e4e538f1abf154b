using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Sensors.Abstractions;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Tests.Sampling;

public class SensorSamplerTests
{
    /// <summary>A sensor that answers from a script, for sampler tests that need exact samples and failures.</summary>
    private sealed class ScriptedSensor(Quantity quantity, params object[] script) : ISensor
    {
        private int _next;

        public string Name => "scripted";

        public string Model => "SCRIPT";

        public IReadOnlyList<Quantity> Quantities => [quantity];

        public ValueTask<SensorIdentity> IdentifyAsync(CancellationToken cancellationToken) => ValueTask.FromResult(new SensorIdentity(Model));

        public ValueTask<IReadOnlyList<SensorSample>> ReadAsync(CancellationToken cancellationToken) => script[_next++ % script.Length] switch
        {
            double v => ValueTask.FromResult<IReadOnlyList<SensorSample>>([new SensorSample(quantity, v)]),
            SensorSample s => ValueTask.FromResult<IReadOnlyList<SensorSample>>([s]),
            Exception e => ValueTask.FromException<IReadOnlyList<SensorSample>>(e),
            var other => throw new InvalidOperationException($"bad script entry {other}"),
        };

        public void Dispose()
        {
        }
    }

    private static async Task<SensorSampler> SampleAsync(ISensor sensor, int times)
    {
        var sampler = new SensorSampler(sensor, NullLogger.Instance);
        for (var i = 0; i < times; i++) await sampler.SampleAsync(CancellationToken.None);
        return sampler;
    }

    [Fact]
    public async Task Sound_levels_average_as_energies_with_min_max_and_count()
    {
        var sampler = await SampleAsync(new ScriptedSensor(Quantity.Noise, 60.0, 70.0), 2);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal(67.4, reading.Value!.Value, 1);
        Assert.Equal(60, reading.Min);
        Assert.Equal(70, reading.Max);
        Assert.Equal(2, reading.Count);
        Assert.Equal(Quality.Ok, reading.Quality);
    }

    [Fact]
    public async Task Other_quantities_average_arithmetically()
    {
        var sampler = await SampleAsync(new ScriptedSensor(Quantity.Pm2_5, 10.0, 20.0, 60.0), 3);
        Assert.Equal(30, sampler.CloseWindow().Single().Value);
    }

    [Fact]
    public async Task A_failing_sensor_is_counted_and_its_window_is_invalid_never_zero()
    {
        var sampler = await SampleAsync(new ScriptedSensor(Quantity.Co2, new SensorChecksumException("scripted", "checksum 0x12 != 0x34")), 3);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal(3, sampler.Errors);
        Assert.Equal(Quality.Invalid, reading.Quality);
        Assert.Null(reading.Value);
        Assert.Contains("checksum", reading.Reason);
    }

    [Fact]
    public async Task Failures_between_good_samples_do_not_spoil_the_window()
    {
        var sampler = await SampleAsync(new ScriptedSensor(Quantity.Co2, 400.0, new SensorNackException("scripted", "nack"), 420.0), 3);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal(410, reading.Value);
        Assert.Equal(Quality.Ok, reading.Quality);
        Assert.Equal(1, sampler.Errors);
    }

    [Fact]
    public async Task Invalid_samples_stay_out_and_mostly_suspect_windows_are_suspect()
    {
        var sampler = await SampleAsync(new ScriptedSensor(Quantity.Pm10,
            new SensorSample(Quantity.Pm10, 0, Quality.Invalid, "warming up"),
            new SensorSample(Quantity.Pm10, 50, Quality.Suspect, "implausible jump"),
            new SensorSample(Quantity.Pm10, 52, Quality.Suspect, "implausible jump"),
            40.0), 4);

        var reading = sampler.CloseWindow().Single();

        Assert.Equal(3, reading.Count);
        Assert.Equal(Quality.Suspect, reading.Quality);
        Assert.Equal("implausible jump", reading.Reason);
    }

    [Fact]
    public async Task Closing_a_window_starts_the_next_one_empty()
    {
        var sampler = await SampleAsync(new ScriptedSensor(Quantity.Temperature, 20.0), 2);
        sampler.CloseWindow();

        var next = sampler.CloseWindow().Single();

        Assert.Equal(Quality.Invalid, next.Quality);
        Assert.Equal(0, next.Count);
    }
}
