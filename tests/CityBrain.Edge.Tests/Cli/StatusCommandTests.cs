using CityBrain.Edge.Cli;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Testing;
using CityBrain.Edge.Tests.Support;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht4x;

namespace CityBrain.Edge.Tests.Cli;

/// <summary><c>status</c> and <c>run</c> next to a running gateway service.</summary>
public sealed class StatusCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    /// <summary>The service as <c>run</c> builds it, from the same file the commands read.</summary>
    private Microsoft.Extensions.Hosting.IHost Service(string config) =>
        RunCommand.BuildHost(GatewayConfiguration.Build(config, []));

    [Fact]
    public async Task Without_a_running_service_status_says_how_to_start_it()
    {
        var run = await Support.Cli.RunAsync("status", "--config", Support.Cli.Config(_dir, _broker.Port));

        Assert.Equal(ExitCodes.ServiceNotRunning, run.ExitCode);
        Assert.Equal($"citybrain-edge status: the gateway service is not running: there is no status in {_dir.File("data")}; start it with sudo systemctl start citybrain-edge.",
            Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task Status_shows_the_link_the_outbox_the_last_publish_and_the_sensors_of_the_running_service()
    {
        var config = Support.Cli.Config(_dir, _broker.Port);
        using var service = Service(config);
        await service.StartAsync();
        await Eventually.HoldsAsync(() => _broker.Telemetry.Count >= 2, "the service's first reports");
        await Task.Delay(500);

        var running = await Support.Cli.RunAsync("status", "--config", config);
        await service.StopAsync();
        var stopped = await Support.Cli.RunAsync("status", "--config", config);

        Assert.Equal(ExitCodes.Ok, running.ExitCode);
        Assert.Equal("", running.Error);
        Assert.Matches(@"^gw-cli in haidian: service pid \d+, up \d+ s, status from \d+ s ago", running.Output);
        Assert.Matches(@"site\s+万柳 at 39\.96, 116\.3\n", running.Output);
        Assert.Matches($@"link\s+connected since .*: connected to 127.0.0.1:{_broker.Port} as gw-cli \(1 connects, 0 refused, 0 failovers\)", running.Output);
        Assert.Matches(@"outbox\s+\d+ reports waiting.*; next sequence \d+; \d+\.\d MB of 256\.0 MB", running.Output);
        Assert.Matches(@"thinned 0, dropped 0, refused by the cluster 0", running.Output);
        Assert.Matches(@"last publish\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ \(\d+ s ago\); \d+ delivered since start", running.Output);
        Assert.Matches(@"clock\s+trusted", running.Output);
        Assert.Matches(@"sht4x@1:0x44\s+SHT4x\s+enabled\s+0\.2 s\s+\d+\s+0", running.Output);
        Assert.Equal(ExitCodes.ServiceNotRunning, stopped.ExitCode);
        Assert.StartsWith("citybrain-edge status: the gateway service is not running (its last status is from", Assert.Single(stopped.Sentences));
        Assert.Matches(@"link\s+closed", stopped.Output);
    }

    [Fact]
    public async Task Status_exits_with_the_hardware_code_while_a_sensor_fails_every_sample()
    {
        var config = Support.Cli.Config(_dir, _broker.Port, extraSensors: """, { "Type": "sht4x", "Name": "sht-dead", "Address": 69, "Emulated": true }""");
        using var service = Service(config);
        // The chip is on the bus before the service attaches its emulator there, and never answers.
        service.Services.GetRequiredService<EmulatedSensorBus>().Attach(new Sht4xEmulator(new Ambient(), TimeProvider.System, 1, 0x45) { Faults = { Unplugged = true } });
        await service.StartAsync();
        await Eventually.HoldsAsync(() => new Health.StatusFile(_dir.File("data")).Read() is { Link.Condition: Link.LinkCondition.Connected } s
            && s.Sensors.Any(x => x.Name == "sht-dead" && x.Errors > 0) && s.Sensors.Any(x => x.Samples > 0), "the failures in the status");

        var run = await Support.Cli.RunAsync("status", "--config", config);
        await service.StopAsync();

        Assert.Equal(ExitCodes.Hardware, run.ExitCode);
        Assert.StartsWith("citybrain-edge status: sensor sht-dead has failed every sample since the service started (", Assert.Single(run.Sentences));
        Assert.EndsWith("; check its wiring and power, then citybrain-edge read.", run.Sentences[0]);
    }

    [Fact]
    public async Task Status_explains_refused_credentials()
    {
        _broker.Passwords["gw-cli"] = "the-right-one";
        var config = Support.Cli.Config(_dir, _broker.Port, password: "an-old-one");
        using var service = Service(config);
        await service.StartAsync();
        await Eventually.HoldsAsync(async () => (await Support.Cli.RunAsync("status", "--config", config)).ExitCode == ExitCodes.CredentialsRefused, "the refusal in the status");

        var run = await Support.Cli.RunAsync("status", "--config", config);
        await service.StopAsync();

        Assert.Matches(@"link\s+refused since", run.Output);
        Assert.Equal($"citybrain-edge status: broker 127.0.0.1:{_broker.Port} refused gw-cli: BadUserNameOrPassword; check the device id and password from provisioning (retrying every 0.3 s); provision again with the right password (citybrain-edge provision).",
            Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task Status_says_when_another_gateway_uses_the_device_id()
    {
        var config = Support.Cli.Config(_dir, _broker.Port);
        using var service = Service(config);
        await service.StartAsync();
        // The clone: a gateway provisioned from a copy of this one's SD card, with the same id and password.
        var options = GatewayConfiguration.Load(GatewayConfiguration.Build(config, []), config).Link() with { TakeoverBackoff = TimeSpan.FromMilliseconds(200) };
        using var stop = new CancellationTokenSource();
        using var clone = new Link.MqttLink(options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Link.MqttLink>.Instance);
        var cloneRunning = clone.RunAsync(stop.Token);
        await Eventually.HoldsAsync(async () => (await Support.Cli.RunAsync("status", "--config", config)).ExitCode == ExitCodes.IdInUse, "the conflict in the status");

        var run = await Support.Cli.RunAsync("status", "--config", config);
        await stop.CancelAsync();
        await cloneRunning;
        await service.StopAsync();

        Assert.Matches("^citybrain-edge status: another gateway is using the id gw-cli \\(a cloned SD card\\?\\): the broker handed its session to another connection \\d+ times in 10 min; " +
            "give one of them its own device id and credentials \\(citybrain-edge provision\\)\\.$", Assert.Single(run.Sentences));
    }

    [Fact]
    public async Task Run_refuses_to_start_a_second_service_on_the_same_data_directory()
    {
        var config = Support.Cli.Config(_dir, _broker.Port);
        using var service = Service(config);
        await service.StartAsync();

        var second = await Support.Cli.RunAsync("run", "--config", config);
        await service.StopAsync();

        Assert.Equal(ExitCodes.AlreadyRunning, second.ExitCode);
        Assert.Equal($"citybrain-edge run: another citybrain-edge is already running with data directory {_dir.File("data")}: stop it first (sudo systemctl stop citybrain-edge) or give this one another DataDirectory.",
            Assert.Single(second.Sentences));
    }

    [TmpfsFact]
    public async Task On_a_full_disk_status_says_the_service_runs_but_the_disk_is_full()
    {
        var config = Support.Cli.Config(_dir, _broker.Port);
        using var tmpfs = new Tmpfs(_dir.File("data"), "size=4m");
        try
        {
            using var service = Service(config);
            await service.StartAsync();
            await Eventually.HoldsAsync(() => _broker.Telemetry.Count >= 2, "the service's first reports");
            tmpfs.Fill();

            await Eventually.HoldsAsync(async () => (await Support.Cli.RunAsync("status", "--config", config)).ExitCode == ExitCodes.DiskFull, "status on the full disk");
            var full = await Support.Cli.RunAsync("status", "--config", config);
            // Long after its status file could last be rewritten, the service's lock still says it runs.
            var status = new Health.StatusFile(_dir.File("data"));
            await Eventually.HoldsAsync(() => DateTimeOffset.UtcNow - status.Read()!.Timestamp > TimeSpan.FromSeconds(31), "a stale status file", TimeSpan.FromSeconds(90));
            var stale = await Support.Cli.RunAsync("status", "--config", config);
            await service.StopAsync();

            Assert.Equal(ExitCodes.DiskFull, stale.ExitCode);
            Assert.Matches(@"^citybrain-edge status: the gateway service is running, but the disk is full: .* and its status is from (3\d s|[45]\d s|\d+ min \d+ s) ago; ", Assert.Single(stale.Sentences));
            Assert.Matches($@"^citybrain-edge status: the gateway service is running, but the disk is full: 0\.0 MB free on the file system of {_dir.File("data")}, new reports are not stored (since .* )?and its status is from \d+ s ago; " +
                $@"the outbox holds \d+\.\d MB and its oldest reports are being thinned; free space on that file system \(df -h {_dir.File("data")}\) or lower Gateway:Outbox:DiskBudgetBytes\.$",
                Assert.Single(full.Sentences));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
