using System.Runtime.Versioning;
using System.Text.Json.Nodes;
using CityBrain.Edge.Cli;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Sensors.Probe;
using CityBrain.Edge.Testing;
using CityBrain.Simulators.Chips.Bme280;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht4x;

namespace CityBrain.Edge.Tests.Cli;

/// <summary><c>probe --write</c> against an emulated bus with one chip configured and one not.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProbeWriteTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly EmulatedSensorBus _bus = new();

    private ProbeScan Scan(string config)
    {
        var devices = new DeviceFiles();
        var scan = new ProbeScan(new SensorFactory(TimeProvider.System, devices, _bus), devices, new SensorProbe(TimeProvider.System));
        scan.AddConfigured(GatewayConfiguration.Bind(GatewayConfiguration.Build(config, []), config).Sensors);
        return scan;
    }

    [Fact]
    public async Task The_chips_found_unconfigured_are_added_and_everything_else_in_the_file_stays()
    {
        var config = Support.Cli.Config(_dir);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead);
        var before = JsonNode.Parse(File.ReadAllText(config))!;
        _bus.Attach(new Sht4xEmulator(new Ambient(), TimeProvider.System, 1, 0x44));
        _bus.Attach(new Bme280Emulator(new Ambient(), TimeProvider.System, 1, 0x76));
        var scan = Scan(config);
        await scan.RunAsync(CancellationToken.None);

        var said = ProbeWrite.Apply(config, scan.Unconfigured);

        Assert.Equal([$"added a bme280 at I2C bus 1, address 0x76 (emulated) to {config}", "restart the service to use them: sudo systemctl restart citybrain-edge"], said);
        var after = JsonNode.Parse(File.ReadAllText(config))!;
        var sensors = after["Gateway"]!["Sensors"]!.AsArray();
        Assert.Equal(2, sensors.Count);
        Assert.True(JsonNode.DeepEquals(before["Gateway"]!["Sensors"]![0], sensors[0]), "the configured sensor's entry changed");
        Assert.Equal("""{"Type":"bme280","Bus":1,"Address":"0x76","Emulated":true}""", sensors[1]!.ToJsonString());
        after["Gateway"]!["Sensors"]!.AsArray().RemoveAt(1);
        Assert.True(JsonNode.DeepEquals(before, after), "a setting other than the new sensor changed");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead, File.GetUnixFileMode(config));
        Assert.True(JsonNode.DeepEquals(before, JsonNode.Parse(File.ReadAllText(config + ".bak"))), "the backup is not the file before");

        // The written entry is what the probe takes for the chip: a second probe finds nothing left to add.
        var again = Scan(config);
        await again.RunAsync(CancellationToken.None);
        Assert.Empty(again.Unconfigured);
        Assert.Empty(again.Problems);
        Assert.Equal([$"nothing added to {config}: every sensor found is configured already"], ProbeWrite.Apply(config, again.Unconfigured));
    }

    [Fact]
    public async Task Probe_write_on_the_command_line_says_what_it_added()
    {
        var run = await Support.Cli.RunAsync("probe", "--config", Support.Cli.Config(_dir), "--write");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.EndsWith($"Nothing added to {_dir.File("gateway.json")}: every sensor found is configured already.", run.Output.Trim());
    }

    public void Dispose() => _dir.Dispose();
}
