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
        Assert.Equal($"citybrain-edge read: Gateway:ReportInterval 'soon' is not a duration: write it with a unit, e.g. 60s, 5m, 1h, 500ms, or as 00:01:00 (in {path}).",
            Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task Misspelled_keys_are_named_with_the_file_and_the_closest_setting()
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"ReportInterval\"", "\"ReportIntervall\"")
            .Replace("\"Emulated\": true", "\"Adress\": 68, \"Emulated\": true, \"Sht4x\": { \"Precison\": \"High\" }, \"Limits\": { \"temperature\": { \"Maxx\": 60 } }"));

        var run = await Support.Cli.RunAsync("run", "--config", path);

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        var sentence = Assert.Single(run.Sentences);
        Assert.Contains($"Gateway:ReportIntervall is not a setting (in {path}): did you mean ReportInterval?", sentence);
        Assert.Contains($"Gateway:Sensors:0:Adress is not a setting (in {path}): did you mean Address?", sentence);
        // Chip settings and per-quantity limits are known from their options types too.
        Assert.Contains($"Gateway:Sensors:0:Sht4x:Precison is not a setting (in {path}): did you mean Precision?", sentence);
        Assert.Contains($"Gateway:Sensors:0:Limits:temperature:Maxx is not a setting (in {path}): did you mean Max?", sentence);
    }

    [Fact]
    public async Task A_misspelled_key_from_the_command_line_or_a_misplaced_section_is_named_with_where_it_came_from()
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Gateway\": {", "\"Gatway\": {}, \"Gateway\": {"));

        var run = await Support.Cli.RunAsync("run", "--config", path, "--Gateway:Broker:Pasword=x");

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        var sentence = Assert.Single(run.Sentences);
        Assert.Contains($"Gatway is not a setting (in {path}): did you mean Gateway?", sentence);
        Assert.Contains("Gateway:Broker:Pasword is not a setting (on the command line): did you mean Password?", sentence);
    }

    [Fact]
    public async Task A_duration_without_a_unit_is_refused_with_the_way_to_write_it()
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"00:00:01\"", "\"60\""));

        var run = await Support.Cli.RunAsync("run", "--config", path);

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        Assert.Equal($"citybrain-edge run: Gateway:ReportInterval '60' has no unit: write 60s for seconds (or 5m, 1h, 500ms, 00:01:00) (in {path}).", Assert.Single(run.Sentences));
    }

    [Theory]
    [InlineData("60s", 60)]
    [InlineData("5m", 300)]
    [InlineData("1h", 3600)]
    [InlineData("1m30s", 90)]
    [InlineData("00:01:00", 60)]
    public void Durations_are_read_as_a_person_writes_them(string written, int seconds)
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"00:00:01\"", $"\"{written}\""));

        var options = GatewayConfiguration.Load(GatewayConfiguration.Build(path, []), path);

        Assert.Equal(TimeSpan.FromSeconds(seconds), options.ReportInterval);
    }

    [Fact]
    public async Task An_i2c_address_may_be_written_in_hex_as_it_is_printed()
    {
        var path = Support.Cli.Config(_dir);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"Emulated\": true", "\"Address\": \"0x44\", \"Emulated\": true"));

        var read = await Support.Cli.RunAsync("read", "--config", path);
        File.WriteAllText(path, File.ReadAllText(path).Replace("\"0x44\"", "\"44h\""));
        var wrong = await Support.Cli.RunAsync("read", "--config", path);

        Assert.Equal(ExitCodes.Ok, read.ExitCode);
        Assert.Contains("sht4x@1:0x44  temperature", read.Output);
        Assert.Equal(ExitCodes.Configuration, wrong.ExitCode);
        Assert.Equal($"citybrain-edge read: Gateway:Sensors:0:Address '44h' is not an I2C address: write it as printed, \"0x44\", or in decimal, 68 (in {path}).", Assert.Single(wrong.Sentences));
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
