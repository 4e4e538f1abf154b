using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;

namespace CityBrain.Edge.Tests.Cli;

/// <remarks>The file mode is what a Linux gateway relies on to keep the password to itself.</remarks>
[SupportedOSPlatform("linux")]
public sealed class ProvisionCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Passwords["gw-0042"] = "issued-by-the-cluster";
    }

    private string ConfigPath => _dir.File("etc/gateway.json");

    private Task<Support.Cli.Outcome> ProvisionAsync(string password, params string[] more) => ProvisionWithBrokersAsync($"127.0.0.1:{_broker.Port}", password, more);

    private Task<Support.Cli.Outcome> ProvisionWithBrokersAsync(string brokers, string password, params string[] more) => Support.Cli.RunAsync(
        ["provision", "--config", ConfigPath, "--device", "gw-0042", "--district", "chaoyang", "--lat", "39.92", "--lon", "116.44",
         "--broker", brokers, "--password", password, "--data-dir", _dir.File("data"), .. more]);

    [Fact]
    public async Task Writes_an_owner_only_configuration_after_the_broker_accepted_the_credentials()
    {
        var run = await ProvisionAsync("issued-by-the-cluster", "--site", "奥体中心");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("Provisioned gw-0042 in chaoyang, site 奥体中心, at 39.92, 116.44.", run.Output);
        Assert.Contains($"The broker at 127.0.0.1:{_broker.Port} accepted the credentials.", run.Output);
        Assert.Contains("sudo systemctl restart citybrain-edge", run.Output);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ConfigPath));
        var gateway = JsonNode.Parse(File.ReadAllText(ConfigPath))!["Gateway"]!;
        Assert.Equal(("gw-0042", "chaoyang", "奥体中心", 39.92), ((string)gateway["DeviceId"]!, (string)gateway["District"]!, (string)gateway["Site"]!, (double)gateway["Position"]!["Latitude"]!));
        Assert.Equal(("127.0.0.1", _broker.Port, "issued-by-the-cluster"), ((string)gateway["Broker"]!["Host"]!, (int)gateway["Broker"]!["Port"]!, (string)gateway["Broker"]!["Password"]!));
    }

    [Fact]
    public async Task A_site_named_without_a_position_is_written_and_said_as_such()
    {
        var run = await Support.Cli.RunAsync(["provision", "--config", ConfigPath, "--device", "gw-0042", "--district", "chaoyang", "--site", "奥体中心",
            "--broker", $"127.0.0.1:{_broker.Port}", "--password", "issued-by-the-cluster", "--data-dir", _dir.File("data"), "--offline"]);

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("Provisioned gw-0042 in chaoyang, site 奥体中心.", run.Output);
        var gateway = JsonNode.Parse(File.ReadAllText(ConfigPath))!["Gateway"]!;
        Assert.Equal("奥体中心", (string)gateway["Site"]!);
        Assert.Null(gateway["Position"]);
    }

    [Fact]
    public async Task Provisioning_again_keeps_the_sensors_and_other_settings()
    {
        Directory.CreateDirectory(_dir.File("etc"));
        File.WriteAllText(ConfigPath, """
            { "Gateway": { "DeviceId": "gw-old", "ReportInterval": "00:05:00", "Sensors": [ { "Type": "sht4x", "Emulated": true } ] },
              "Logging": { "LogLevel": { "Default": "Warning" } } }
            """);

        var run = await ProvisionAsync("issued-by-the-cluster");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Contains("(1 sensors configured)", run.Output);
        var root = JsonNode.Parse(File.ReadAllText(ConfigPath))!;
        Assert.Equal(("gw-0042", "00:05:00", "sht4x"), ((string)root["Gateway"]!["DeviceId"]!, (string)root["Gateway"]!["ReportInterval"]!, (string)root["Gateway"]!["Sensors"]![0]!["Type"]!));
        Assert.Equal("Warning", (string)root["Logging"]!["LogLevel"]!["Default"]!);
    }

    [Fact]
    public async Task Bad_credentials_are_refused_and_nothing_is_written()
    {
        var run = await ProvisionAsync("mistyped");

        Assert.Equal(ExitCodes.CredentialsRefused, run.ExitCode);
        Assert.Equal(
            $"citybrain-edge provision: the broker at 127.0.0.1:{_broker.Port} refused gw-0042 (BadUserNameOrPassword): check the device id and the password the cluster issued for it; nothing was written (--offline writes without this check).",
            Assert.Single(run.Sentences));
        Assert.False(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task An_unreachable_broker_is_explained_and_offline_provisioning_writes_anyway()
    {
        await _broker.StopAsync();

        var checkedRun = await ProvisionAsync("issued-by-the-cluster");
        var offlineRun = await ProvisionAsync("issued-by-the-cluster", "--offline");

        Assert.Equal(ExitCodes.BrokerUnreachable, checkedRun.ExitCode);
        Assert.StartsWith($"citybrain-edge provision: broker 127.0.0.1:{_broker.Port} unreachable (Connection refused): check the broker address and port", Assert.Single(checkedRun.Sentences));
        Assert.Equal(ExitCodes.Ok, offlineRun.ExitCode);
        Assert.Contains("was not checked (--offline)", offlineRun.Output);
        Assert.True(File.Exists(ConfigPath));
    }

    [Fact]
    public async Task Several_brokers_are_written_as_endpoints_once_each_accepted_the_credentials()
    {
        await using var other = await TestBroker.StartAsync();
        other.Passwords["gw-0042"] = "issued-by-the-cluster";
        var both = $"127.0.0.1:{_broker.Port},127.0.0.1:{other.Port}";

        var several = await ProvisionWithBrokersAsync(both, "issued-by-the-cluster");
        var brokerAfterSeveral = JsonNode.Parse(File.ReadAllText(ConfigPath))!["Gateway"]!["Broker"]!.AsObject();
        var one = await ProvisionAsync("issued-by-the-cluster");
        var brokerAfterOne = JsonNode.Parse(File.ReadAllText(ConfigPath))!["Gateway"]!["Broker"]!.AsObject();

        Assert.Equal(ExitCodes.Ok, several.ExitCode);
        Assert.Contains($"The brokers at 127.0.0.1:{_broker.Port}, 127.0.0.1:{other.Port} accepted the credentials.", several.Output);
        Assert.Equal(["Endpoints", "Password"], brokerAfterSeveral.Select(p => p.Key).Order());
        Assert.Equal([$"127.0.0.1:{_broker.Port}", $"127.0.0.1:{other.Port}"], brokerAfterSeveral["Endpoints"]!.AsArray().Select(e => (string)e!));
        // Back to one broker: the list goes, so the file never holds both forms.
        Assert.Equal(ExitCodes.Ok, one.ExitCode);
        Assert.Equal(["Host", "Password", "Port"], brokerAfterOne.Select(p => p.Key).Order());
    }

    [Fact]
    public async Task Each_of_several_brokers_is_checked_and_the_one_that_does_not_answer_is_named()
    {
        int down;
        await using (var stopped = await TestBroker.StartAsync()) down = stopped.Port;

        var run = await ProvisionWithBrokersAsync($"127.0.0.1:{_broker.Port},127.0.0.1:{down}", "issued-by-the-cluster");

        Assert.Equal(ExitCodes.BrokerUnreachable, run.ExitCode);
        Assert.StartsWith($"citybrain-edge provision: broker 127.0.0.1:{down} unreachable (Connection refused): check the broker address and port", Assert.Single(run.Sentences));
        Assert.False(File.Exists(ConfigPath));
    }

    [Theory]
    [InlineData("--device", "GW 42", "Gateway:DeviceId 'GW 42' is not valid")]
    [InlineData("--broker", "127.0.0.1:http", "--broker '127.0.0.1:http' is not host or host:port")]
    [InlineData("--broker", "node-a:1883,node-b:0", "--broker 'node-b:0' is not host or host:port, e.g. 10.0.0.5:1883 (port '0' is not a TCP port")]
    [InlineData("--lat", "95", "Gateway:Site and Gateway:Position: site latitude 95 is not on Earth: -90..90")]
    public async Task Invalid_values_are_refused_with_what_is_allowed(string option, string value, string expected)
    {
        string[] args = ["provision", "--config", ConfigPath, "--device", "gw-0042", "--district", "chaoyang", "--lat", "39.92", "--lon", "116.44",
            "--broker", $"127.0.0.1:{_broker.Port}", "--password", "issued-by-the-cluster"];
        args[Array.IndexOf(args, option) + 1] = value;

        var run = await Support.Cli.RunAsync(args);

        Assert.Equal(ExitCodes.Configuration, run.ExitCode);
        Assert.Contains(expected, Assert.Single(run.Sentences));
        Assert.False(File.Exists(ConfigPath));
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }
}
