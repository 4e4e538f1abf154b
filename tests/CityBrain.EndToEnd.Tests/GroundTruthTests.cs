using CityBrain.Simulators.Fleet.Checks;
using CityBrain.Simulators.Fleet.GroundTruth;
using CityBrain.Testing;

namespace CityBrain.EndToEnd.Tests;

/// <summary>A small simulated city run hours fast against a real host, then the fleet's own check holds the cluster's
/// latest and hourly indicators against the ground truth it recorded.</summary>
public class GroundTruthTests
{
    [Fact]
    public async Task The_cluster_hourly_and_latest_indicators_agree_with_what_the_fleet_sent()
    {
        var truthPath = Path.Combine(Directory.CreateTempSubdirectory("citybrain-truth-").FullName, "truth.db");
        await using var cluster = await RunningHost.StartAsync(null, "--simulate=6", "--Fleet:Seed=11", "--Fleet:ReportInterval=00:01:00",
            "--Fleet:TimeScale=900", "--Fleet:Duration=03:00:00", $"--Fleet:GroundTruthPath={truthPath}");

        var truth = await RunningHost.EventuallyAsync(() => Task.FromResult(File.Exists(truthPath) ? GroundTruthReader.Open(truthPath) : null),
            t => t?.End is not null, "the end of the three simulated hours", TimeSpan.FromSeconds(120));
        var checks = new IClusterCheck[] { new DistrictHourlyCheck(new Tolerance(0.001, 1e-6), TimeSpan.FromMinutes(45), TimeSpan.FromSeconds(0.6), TimeProvider.System), new DistrictLatestCheck(new Tolerance(0.001, 1e-6), TimeSpan.FromHours(1)) };
        var outcomes = await new CheckRunner(checks, TimeProvider.System).RunAsync(truth!, new CityApiClient(cluster.Http), TimeSpan.FromSeconds(60), CancellationToken.None);

        var hourly = outcomes.Single(o => o.Check == "district-hourly");
        // Three simulated hours hold at least two whole clock hours, for every district and quantity the fleet sends.
        Assert.True(hourly.Findings.Count >= 2 * 6, $"only {hourly.Findings.Count} hourly comparisons");
        Assert.All(outcomes.SelectMany(o => o.Findings), f => Assert.True(f.Agrees, f.ToString()));
    }
}
