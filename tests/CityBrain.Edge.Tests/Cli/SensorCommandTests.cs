using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;

namespace CityBrain.Edge.Tests.Cli;

/// <summary><c>read</c> and <c>probe</c>, and the hardware mistakes they explain.</summary>
public sealed class SensorCommandTests : IDisposable
{
    private const string WrongBus = """, { "Type": "sht4x", "Name": "sht-outside", "Bus": 7 }""";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Read_shows_one_calibrated_reading_per_quantity_with_units_and_quality()
    {
        var run = await Support.Cli.RunAsync("read", "--config", Support.Cli.Config(_dir));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^SENSOR\s+QUANTITY\s+VALUE\s+UNIT\s+QUALITY\s+NOTE$", lines[0]);
        Assert.Matches(@"^sht4x@1:0x44\s+temperature\s+-?\d+(\.\d+)?\s+°C\s+ok$", lines[1]);
        Assert.Matches(@"^sht4x@1:0x44\s+humidity\s+\d+(\.\d+)?\s+%\s+ok$", lines[2]);
    }

    [Fact]
    public async Task Read_explains_a_wrong_bus_and_still_reads_the_other_sensors()
    {
        var run = await Support.Cli.RunAsync("read", "--config", Support.Cli.Config(_dir, extraSensors: WrongBus));

        Assert.Equal(ExitCodes.Hardware, run.ExitCode);
        Assert.Contains("sht4x@1:0x44  temperature", run.Output);
        Assert.Matches(@"sht-outside\s+-\s+-\s+error\s+I2C bus 7 does not exist", run.Output);
        var sentence = Assert.Single(run.Sentences);
        Assert.StartsWith("citybrain-edge read: I2C bus 7 does not exist (/dev/i2c-7)", sentence);
        Assert.EndsWith(".", sentence);
    }

    [Fact]
    public async Task Probe_identifies_each_configured_sensor_and_says_which_cannot_be_reached()
    {
        var run = await Support.Cli.RunAsync("probe", "--config", Support.Cli.Config(_dir, extraSensors: WrongBus));

        Assert.Equal(ExitCodes.Hardware, run.ExitCode);
        Assert.Matches(@"I2C bus 1, address 0x44 \(emulated\)\s+SHT4x\s+serial 1234ABCD\s+sht4x\s+sht4x@1:0x44", run.Output);
        Assert.Matches(@"I2C bus 7, address 0x44\s+-\s+not scanned\s+sht4x\s+sht-outside", run.Output);
        Assert.StartsWith("citybrain-edge probe: I2C bus 7 does not exist", Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task Probe_before_provisioning_scans_the_bus_asked_for()
    {
        var run = await Support.Cli.RunAsync("probe", "--config", _dir.File("not-yet.json"), "--bus", "9");

        Assert.Equal(ExitCodes.Hardware, run.ExitCode);
        Assert.Matches(@"^WHERE\s+MODEL\s+IDENTITY\s+TYPE\s+CONFIGURED$", run.Output.Trim());
        Assert.StartsWith("citybrain-edge probe: I2C bus 9 does not exist (/dev/i2c-9)", Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task An_unknown_sensor_type_is_named_with_the_supported_ones()
    {
        var run = await Support.Cli.RunAsync("read", "--config", Support.Cli.Config(_dir, extraSensors: """, { "Type": "bme281" }"""));

        // A wrong entry is a configuration mistake, as it is for run.
        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        Assert.Contains(run.Sentences, s => s.StartsWith("citybrain-edge read: sensor 'bme281': Type 'bme281' is not a supported sensor type; use one of bme280,", StringComparison.Ordinal)
            && s.Contains("sht4x", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_calibration_for_a_quantity_the_sensor_does_not_measure_is_explained()
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Quantity\": \"temperature\"", "\"Quantity\": \"pm2_5\""));

        var run = await Support.Cli.RunAsync("read", "--config", path);

        Assert.Contains("citybrain-edge read: the calibration 'pm2_5' of sht4x@1:0x44 is not one of its quantities: it measures temperature and humidity.", run.Sentences);
    }

    public void Dispose() => _dir.Dispose();
}
