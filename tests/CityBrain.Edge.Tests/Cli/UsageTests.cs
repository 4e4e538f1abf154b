using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;

namespace CityBrain.Edge.Tests.Cli;

/// <summary>A mistake in the command line itself exits with the usage code (64), never with "unexpected failure", and
/// says what was wrong and where the help is.</summary>
public sealed class UsageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task An_unknown_command_names_the_commands()
    {
        var run = await Support.Cli.RunAsync("frob");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("citybrain-edge: 'frob' is not a command: the service runs as 'citybrain-edge run --config FILE', " +
            "the technician's commands are probe, read, calibrate, provision, status, check, install, run; see citybrain-edge --help.", Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task A_setting_without_a_command_is_told_to_go_after_run()
    {
        var run = await Support.Cli.RunAsync("--Gateway:DeviceId=gw-0001");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("citybrain-edge: '--Gateway:DeviceId=gw-0001' is a setting and goes after the command: citybrain-edge run --config FILE --Gateway:DeviceId=gw-0001.",
            Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task An_unknown_option_and_a_missing_one_are_named_with_the_command()
    {
        var unknown = await Support.Cli.RunAsync("probe", "--bsu", "3");
        var missing = await Support.Cli.RunAsync("provision", "--device", "gw-1", "--district", "haidian");

        Assert.Equal((ExitCodes.Usage, ExitCodes.Usage), (unknown.ExitCode, missing.ExitCode));
        Assert.Contains("citybrain-edge probe: Unrecognized command or argument '--bsu'; see citybrain-edge probe --help.", unknown.Sentences);
        Assert.Equal("citybrain-edge provision: Option '--broker' is required; see citybrain-edge provision --help.", Assert.Single(missing.Sentences));
    }

    [Fact]
    public async Task Help_is_not_a_mistake()
    {
        var run = await Support.Cli.RunAsync("check", "--help");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("--json", run.Output);
    }

    [Theory]
    [InlineData("read")]
    [InlineData("run")]
    public async Task The_same_wrong_sensor_entry_exits_with_the_configuration_code_from_read_and_run(string command)
    {
        var config = Support.Cli.Config(_dir, extraSensors: """, { "Type": "sht5x", "Name": "sht-mast", "Emulated": true }""");

        var run = await Support.Cli.RunAsync(command, "--config", config);

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        Assert.Contains(run.Sentences, s => s.StartsWith($"citybrain-edge {command}: ", StringComparison.Ordinal) && s.Contains("'sht5x' is not a supported sensor type", StringComparison.Ordinal));
    }

    public void Dispose() => _dir.Dispose();
}
