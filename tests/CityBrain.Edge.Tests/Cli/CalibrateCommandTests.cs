using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Edge.Tests.Cli;

/// <summary><c>calibrate</c> against an emulated MH-Z19B in fresh air (the emulator's calm 420 ppm), in chip time: the
/// three minutes of pre-heat pass in milliseconds.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private const string Co2Sensor = """, { "Type": "mhz19b", "Port": "/dev/ttyEMU0", "Emulated": true }""";
    private readonly TempDirectory _dir = new();

    private string Config => Support.Cli.Config(_dir, extraSensors: Co2Sensor);

    [Fact]
    public async Task Zero_waits_out_the_pre_heat_showing_the_readings_then_makes_the_air_400_ppm()
    {
        var run = await InChipTime("calibrate", "--config", Config, "mhz19b@ttyEMU0", "zero");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("mhz19b@ttyEMU0 warming up, 180 s left: reads 420 ppm", lines[0]);
        Assert.Equal(12, lines.Count(l => l.Contains("warming up", StringComparison.Ordinal))); // at 180, 165, … 15 s left
        Assert.Equal("zero point calibrated: mhz19b@ttyEMU0 read 420 ppm, the air is now 400 ppm; it reads 400 ppm", lines[^1]);
    }

    [Fact]
    public async Task Span_in_ordinary_air_is_refused_unless_forced()
    {
        var refused = await InChipTime("calibrate", "--config", Config, "mhz19b", "span", "2000");
        var forced = await InChipTime("calibrate", "--config", Config, "mhz19b", "span", "2000", "--force");

        Assert.Equal(ExitCodes.Hardware, refused.ExitCode);
        Assert.Equal("citybrain-edge calibrate: mhz19b@ttyEMU0 reads 420 ppm, not near the 2000 ppm gas: is it in the calibration gas? "
            + "A span taken in other air makes every later reading wrong; nothing was changed (--force spans anyway).", Assert.Single(refused.Sentences));
        Assert.Equal(ExitCodes.Ok, forced.ExitCode);
        Assert.EndsWith("span calibrated: mhz19b@ttyEMU0 read 420 ppm, the air is now 2000 ppm; it reads 2000 ppm", forced.Output.Trim());
    }

    [Theory]
    [InlineData("mhz19b span", "a span calibration needs the gas's concentration")]
    [InlineData("mhz19b zero 400", "a zero-point calibration takes no concentration")]
    [InlineData("mhz19b span 999", "a span gas for mhz19b@ttyEMU0 must be 1000..5000 ppm (got 999)")]
    [InlineData("co2 zero", "no configured sensor is called 'co2'; the sensors are sht4x@1:0x44, mhz19b@ttyEMU0")]
    [InlineData("sht4x zero", "sht4x@1:0x44 (SHT4x) has no zero or span calibration")]
    public async Task Mistakes_are_one_sentence_and_change_nothing(string arguments, string sentence)
    {
        var run = await InChipTime(["calibrate", "--config", Config, .. arguments.Split(' ')]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.StartsWith($"citybrain-edge calibrate: {sentence}", Assert.Single(run.Sentences));
        Assert.Equal("", run.Output);
    }

    [Fact]
    public async Task An_unknown_calibration_is_a_usage_error()
    {
        var run = await InChipTime("calibrate", "--config", Config, "mhz19b", "gain");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("gain", run.Error);
    }

    public void Dispose() => _dir.Dispose();

    /// <summary>Runs the command on a fake clock advanced in small steps until it ends, without xunit's
    /// synchronisation context (which would queue the emulator's answers behind the clock's back).</summary>
    private static async Task<Support.Cli.Outcome> InChipTime(params string[] args)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero));
        var (output, error) = (new StringWriter(), new StringWriter());
        var context = SynchronizationContext.Current;
        SynchronizationContext.SetSynchronizationContext(null);
        Task<int> run;
        try
        {
            run = EdgeCommandLine.InvokeAsync(args, output, error, clock);
            var limit = clock.GetUtcNow() + TimeSpan.FromHours(1);
            while (!run.IsCompleted)
            {
                if (clock.GetUtcNow() > limit) throw new TimeoutException("calibrate still ran after an hour of chip time");
                clock.Advance(TimeSpan.FromMilliseconds(2));
            }
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(context);
        }
        return new Support.Cli.Outcome(await run, output.ToString(), error.ToString());
    }
}
