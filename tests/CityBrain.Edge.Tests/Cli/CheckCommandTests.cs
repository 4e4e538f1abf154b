using System.Runtime.Versioning;
using System.Text.Json;
using CityBrain.Edge.Cli;
using CityBrain.Edge.Cli.Checks;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;

namespace CityBrain.Edge.Tests.Cli;

[SupportedOSPlatform("linux")]
/// <summary><c>citybrain-edge check</c> against a real broker, emulated sensors and real file-system failures.</summary>
public sealed class CheckCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Passwords["gw-cli"] = "secret";
    }

    [Fact]
    public async Task A_working_gateway_passes_every_check_with_one_line_each()
    {
        var run = await Support.Cli.RunAsync("check", "--config", Support.Cli.Config(_dir, _broker.Port));

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        Assert.Equal("", run.Error);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["configuration", "config access", "data directory", "clock", "disk", "sensor sht4x@1:0x44", "broker", "tls", "credentials", "identity"],
            lines[..^1].Select(l => Assert.Single(System.Text.RegularExpressions.Regex.Matches(l, "^✓ (.+?): ")).Groups[1].Value));
        Assert.Contains($"✓ broker: 127.0.0.1:{_broker.Port} accepts connections", lines);
        Assert.Contains("✓ credentials: the broker accepts gw-cli", lines);
        Assert.Contains("✓ identity: the cluster knows gw-cli in district haidian", lines);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(lines[5], @"^✓ sensor sht4x@1:0x44: temperature -?\d+(\.\d+)? °C, humidity \d+(\.\d+)? % \(I2C bus 1, address 0x44 \(emulated\)\)$"), lines[5]);
        Assert.Equal("All 10 checks passed.", lines[^1]);
    }

    [Fact]
    public async Task A_refused_password_fails_the_credentials_line_with_what_to_do_and_exit_code_11()
    {
        var run = await Support.Cli.RunAsync("check", "--config", Support.Cli.Config(_dir, _broker.Port, password: "wrong"));

        Assert.Equal(ExitCodes.CheckFailures, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("✗ ", StringComparison.Ordinal));
        Assert.StartsWith($"✗ credentials: the broker at 127.0.0.1:{_broker.Port} refused gw-cli (BadUserNameOrPassword)", line);
        Assert.Contains("→ ask the cluster's operator for the device's password", line);
    }

    [Fact]
    public async Task A_stopped_broker_fails_its_line_and_the_credentials_are_not_checked()
    {
        await _broker.StopAsync();

        var run = await Support.Cli.RunAsync("check", "--config", Support.Cli.Config(_dir, _broker.Port), "--json");

        Assert.Equal(ExitCodes.CheckFailures, run.ExitCode);
        var results = Results(run.Output);
        Assert.Equal(("fail", true), (results["broker"].Status, results["broker"].Action is not null));
        Assert.StartsWith($"127.0.0.1:{_broker.Port} unreachable (Connection refused)", results["broker"].Message);
        Assert.Equal("skipped", results["credentials"].Status);
        Assert.Equal("pass", results["sensor sht4x@1:0x44"].Status);
    }

    [Fact]
    public async Task Json_gives_every_line_as_check_status_message_and_action()
    {
        var run = await Support.Cli.RunAsync("check", "--config", Support.Cli.Config(_dir, _broker.Port), "--json");

        Assert.Equal(ExitCodes.Ok, run.ExitCode);
        using var document = JsonDocument.Parse(run.Output);
        Assert.Equal(10, document.RootElement.GetArrayLength());
        foreach (var line in document.RootElement.EnumerateArray())
        {
            Assert.Equal(["check", "status", "message", "action"], line.EnumerateObject().Select(p => p.Name));
            Assert.Equal("pass", line.GetProperty("status").GetString());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("action").ValueKind);
        }
    }

    [Fact]
    public async Task A_missing_configuration_fails_once_and_the_checks_that_need_it_say_they_were_not_done()
    {
        var run = await Support.Cli.RunAsync("check", "--config", _dir.File("nowhere.json"));

        Assert.Equal(ExitCodes.CheckFailures, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith($"✗ configuration: there is no configuration at {_dir.File("nowhere.json")}: provision the gateway first", lines[0]);
        Assert.Contains("- broker: not checked: the configuration is not usable", lines);
        Assert.Equal("1 to fix, 0 to look at, 1 fine, 8 not checked.", lines[^1]);
    }

    [Fact]
    public async Task A_configuration_the_running_user_cannot_read_fails_the_access_line()
    {
        var config = Support.Cli.Config(_dir, _broker.Port);
        File.SetUnixFileMode(config, UnixFileMode.None);

        var run = await Executable.RunUnprivilegedAsync(_dir, "check", "--config", config);

        Assert.Equal(ExitCodes.CheckFailures, run.ExitCode);
        Assert.Matches($@"✗ config access: user \S+ cannot read {config} \(.*denied.*\) → make it the service user's \(sudo chown citybrain: {config}; sudo chmod 600 {config}\)", run.Output);
        Assert.Contains("✗ configuration: ", run.Output);
    }

    [Fact]
    public async Task A_data_directory_the_running_user_cannot_write_fails_its_line()
    {
        var config = Support.Cli.Config(_dir, _broker.Port);
        File.SetUnixFileMode(config, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var data = Directory.CreateDirectory(_dir.File("data")).FullName;
        File.SetUnixFileMode(data, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        var run = await Executable.RunUnprivilegedAsync(_dir, "check", "--config", config);

        Assert.Equal(ExitCodes.CheckFailures, run.ExitCode);
        Assert.Matches($@"✓ configuration: {config}: gw-cli in haidian", run.Output);
        Assert.Matches($@"✗ data directory: user \S+ cannot write {data} \(.*denied.*\) → give the directory to the service user", run.Output);
    }

    [Fact]
    public async Task A_disk_smaller_than_the_outbox_budget_is_a_warning_and_warnings_alone_exit_10()
    {
        var config = Support.Cli.Config(_dir, _broker.Port);
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"Sensors\": [", "\"Outbox\": { \"DiskBudgetBytes\": 1000000000000000000 }, \"Sensors\": ["));

        var run = await Support.Cli.RunAsync("check", "--config", config);

        Assert.Equal(ExitCodes.CheckWarnings, run.ExitCode);
        var line = Assert.Single(run.Output.Split('\n'), l => !l.StartsWith("✓ ", StringComparison.Ordinal) && l.Contains(':', StringComparison.Ordinal));
        Assert.Matches(@"^⚠ disk: [\d.]+ MB free on the file system of .*; the outbox holds 0 MB of its budget of [\d.]+ MB, but the disk leaves it only [\d.]+ MB above the reserve of 64 MB: a long outage is thinned sooner → free space on that file system, or lower Gateway:Outbox:DiskBudgetBytes to what the disk can give", line);
    }

    [Fact]
    public async Task A_clock_before_the_build_date_fails_with_how_to_set_it()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(1970, 1, 1, 0, 1, 0, TimeSpan.Zero));
        var context = new CheckContext(_dir.File("gateway.json"), time, new SensorFactory(time, new DeviceFiles()));

        var line = Assert.Single(await new ClockTrustCheck().RunAsync(context, CancellationToken.None).ToListAsync());

        Assert.Equal(CheckStatus.Fail, line.Status);
        Assert.StartsWith("reads 1970-01-01 00:01:00Z, before this software's build date ", line.Message);
        Assert.StartsWith("let NTP set the clock", line.Action);
    }

    private static Dictionary<string, (string Status, string Message, string? Action)> Results(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateArray().ToDictionary(e => e.GetProperty("check").GetString()!,
            e => (e.GetProperty("status").GetString()!, e.GetProperty("message").GetString()!, e.GetProperty("action").GetString()));
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        _dir.Dispose();
    }
}
