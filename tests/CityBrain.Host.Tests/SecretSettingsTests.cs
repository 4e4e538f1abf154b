using System.Diagnostics;
using CityBrain.Host.Hosting;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>Secrets stay off the host's command line, which every user of the machine can read: they come from the
/// environment or a file.</summary>
public sealed class SecretSettingsTests
{
    [Theory]
    [InlineData("--fleet-secret=s3cret", "Broker:FleetSecret")]
    [InlineData("--Broker:FleetSecret=s3cret", "Broker:FleetSecret")]
    [InlineData("--Broker:ServiceAccounts:bench=bench-pass", "Broker:ServiceAccounts:bench")]
    [InlineData("--postgres=Host=db;Username=citybrain;Password=pw", "Postgres:ConnectionString")]
    [InlineData("--redis=10.0.0.5:6379,password=pw", "Cluster:Redis")]
    public void A_secret_setting_on_the_command_line_is_named_with_where_it_belongs(string argument, string setting)
    {
        var refusal = SecretSettings.RefusalFor(["--data=/tmp/x", argument]);

        Assert.NotNull(refusal);
        Assert.StartsWith($"{setting} holds a secret", refusal);
        Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal) + "=", refusal);
    }

    [Theory]
    [InlineData("--Broker:FleetSecretFile=/run/secrets/fleet")]
    [InlineData("--postgres=Host=db;Username=citybrain;Database=citybrain")]
    [InlineData("--mqtt-port=1884")]
    public void Settings_without_a_secret_pass(string argument) =>
        Assert.Null(SecretSettings.RefusalFor(["credentials", "list", argument]));

    [Fact]
    public async Task The_host_process_refuses_a_secret_on_its_command_line_in_one_sentence()
    {
        var data = Directory.CreateTempSubdirectory("citybrain-secret-").FullName;
        var info = new ProcessStartInfo("dotnet", [HostProcess.HostAssembly, $"--data={data}", "--fleet-secret=s3cret"])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.StartsWith("Broker:FleetSecret holds a secret and was given on the command line", await error);
        Assert.DoesNotContain("s3cret", await error);
    }

    [Fact]
    public async Task A_fleet_secret_read_from_a_file_lets_simulated_gateways_in()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("citybrain-secret-").FullName, "fleet-secret");
        await File.WriteAllTextAsync(file, HostProcess.FleetSecret + "\n");
        await using var host = HostProcess.Create(null, $"--Broker:FleetSecretFile={file}");
        host.EnvironmentVariables.Remove("Broker__FleetSecret");

        // Ready means a gateway logged in with a password derived from the fleet secret.
        await host.StartAsync();

        Assert.True(host.IsRunning);
        host.DeleteDataOnDispose = true;
    }
}
