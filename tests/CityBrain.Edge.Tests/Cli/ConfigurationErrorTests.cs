using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;

namespace CityBrain.Edge.Tests.Cli;

/// <summary>A broken configuration gets one sentence and exit code 2 from every command.</summary>
public sealed class ConfigurationErrorTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Theory]
    [InlineData("read")]
    [InlineData("probe")]
    [InlineData("status")]
    [InlineData("run")]
    public async Task A_missing_configuration_says_to_provision_first(string command)
    {
        var run = await Support.Cli.RunAsync(command, "--config", _dir.File("nowhere.json"));

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        Assert.StartsWith($"citybrain-edge {command}: there is no configuration at {_dir.File("nowhere.json")}: provision the gateway first", Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task Malformed_json_is_named_with_its_line()
    {
        var path = Support.Cli.WriteConfig(_dir, "{\n  \"Gateway\": {\n    \"DeviceId\": \"gw-1\",\n  }\n  oops\n}");

        var run = await Support.Cli.RunAsync("run", "--config", path);

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        var sentence = Assert.Single(run.Sentences);
        Assert.StartsWith($"citybrain-edge run: the configuration file {path} is not valid JSON:", sentence);
        Assert.Contains("(line 5)", sentence);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_setting()
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"00:00:01\"", "\"soon\""));

        var run = await Support.Cli.RunAsync("read", "--config", path);

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        Assert.Contains("'Gateway:ReportInterval'", Assert.Single(run.Sentences));
        Assert.Contains("durations are written like 00:01:00", run.Error);
    }

    [Fact]
    public async Task Invalid_values_are_listed_in_one_sentence()
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"gw-cli\"", "\"Gateway 1\"").Replace("\"Port\": 1883", "\"Port\": 0"));

        var run = await Support.Cli.RunAsync("run", "--config", path);

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        var sentence = Assert.Single(run.Sentences);
        Assert.Contains("Gateway:DeviceId 'Gateway 1' is not valid", sentence);
        Assert.Contains("Gateway:Broker:Port 0 is not a TCP port", sentence);
        Assert.Contains($"(in {path})", sentence);
    }

    public void Dispose() => _dir.Dispose();
}
