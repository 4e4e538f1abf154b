using CityBrain.Simulators.Fleet.Cli;
using CityBrain.Simulators.Fleet.GroundTruth;
using CityBrain.Simulators.Fleet.Tests.Support;

namespace CityBrain.Simulators.Fleet.Tests.Cli;

public sealed class CommandLineTests : IAsyncLifetime
{
    private readonly string _directory = Scratch.Memory("fleet-cli-").FullName;
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    public async Task DisposeAsync()
    {
        await _broker.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await FleetCommandLine.InvokeAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Validate_describes_a_good_scenario_and_exits_zero()
    {
        var (code, output, error) = await Run("validate", TestCity.DemoCityPath);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Demo City: 12 districts, 100 gateways reporting every 10s", output);
        Assert.Contains("episode from fangshan at +2h", output);
    }

    [Fact]
    public async Task Validate_names_every_bad_field_one_line_each_and_exits_non_zero()
    {
        var path = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(path, """{ "districts": [ { "id": "a", "character": "downtown", "gateways": 1, "neighbours": ["b"] } ] }""");

        var (code, output, error) = await Run("validate", path);

        Assert.Equal(1, code);
        Assert.Empty(output);
        var lines = error.Trim().Split(Environment.NewLine);
        Assert.Equal(2, lines.Length);
        Assert.Contains("districts[0].character: 'downtown' is not a district character", lines[0]);
        Assert.Contains("districts[0].neighbours[0]: 'b' is not a district of this city", lines[1]);
    }

    [Theory]
    [InlineData("run --districts a --gateways 5 --time-scale 60", "--duration: a time scale above 1 needs a duration")]
    [InlineData("run --gateways 5", "--districts: the fleet needs a scenario file or at least one district id")]
    [InlineData("run --districts a --gateways 5 --duration 1h --fault explode", "fault 'explode'.kind: 'explode' is not a fault")]
    [InlineData("run --districts a --gateways 5 --report-interval 10x", "--report-interval: '10x' is not a positive duration")]
    [InlineData("run --districts a --gateways 5 --fleet-secret s --health-interval 2d", "--health-interval: 2d is not between 1s and 1d")]
    [InlineData("run --districts a --gateways 5 --broker localhost", "--broker: 'localhost' is not host:port")]
    [InlineData("run --districts a --gateways 5 --broker node-a:1883,node-b", "--broker: 'node-b' is not host:port")]
    [InlineData("run --districts a --gateways 5 --fleet-secret s --uplink direct --broker node-a:1883,node-b:1883", "--broker: 2 brokers need the Gateway uplink")]
    [InlineData("run --districts a --gateways 5 --start 2099-01-01T00:00:00Z --duration 1h", "--start: a run from 2099-01-01")]
    [InlineData("run --districts a --gateways 5 --fleet-secret s --uplink shared --duration 1m", "--service-user: shared connections log in with a service account")]
    public async Task Run_refuses_settings_that_cannot_work_with_one_sentence_naming_the_switch(string commandLine, string message)
    {
        var (code, _, error) = await Run(commandLine.Split(' '));

        Assert.NotEqual(0, code);
        Assert.Contains(message, error);
    }

    [Fact]
    public async Task Run_simulates_a_scenario_writes_the_ground_truth_and_summarises()
    {
        var truth = Path.Combine(_directory, "truth.db");

        var (code, output, error) = await Run("run", "--broker", $"127.0.0.1:{_broker.Port}", "--scenario", TestCity.DemoCityPath,
            "--gateways", "12", "--report-interval", "5s", "--time-scale", "100", "--duration", "5m", "--fleet-secret", TestBroker.FleetSecret,
            "--outboxes", Path.Combine(_directory, "outboxes"), "--truth", truth, "--quiet");

        Assert.True(code == 0, output + error);
        Assert.Contains("Demo City: 12 gateways in 12 districts, seed 42", output);
        Assert.Contains("reports acknowledged", output);
        Assert.Equal(_broker.Telemetry().Select(m => m.Topic).Distinct().Count(), GroundTruthReader.Open(truth).SampleDevices(100).Count);

        var (truthCode, table, _) = await Run("truth", truth, "--district", "haidian", "--quantity", "no2");
        Assert.Equal(0, truthCode);
        Assert.Contains("haidian          no2", table);
    }
}
