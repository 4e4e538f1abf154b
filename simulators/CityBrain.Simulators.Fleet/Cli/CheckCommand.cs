using System.CommandLine;
using CityBrain.Simulators.Fleet.Checks;
using CityBrain.Simulators.Fleet.GroundTruth;

namespace CityBrain.Simulators.Fleet.Cli;

/// <summary><c>citybrain-fleet check</c>: the cluster's indicators against a run's ground truth. Exit code 0 when every
/// comparison agrees, 1 when one does not, 2 when the comparison could not be made. The API needs a login: a viewer's
/// API token in <see cref="TokenVariable"/> (the environment, never the command line).</summary>
internal static class CheckCommand
{
    public const string TokenVariable = "CITYBRAIN_API_TOKEN";

    private static readonly string[] Known = ["district-latest", "device-latest", "district-hourly"];

    public static Command Create()
    {
        var truth = new Option<FileInfo>("--truth") { Description = "The ground-truth file a run wrote (run --truth)", Required = true, HelpName = "file" };
        var api = CliParsers.HttpBase("--api", "The cluster's HTTP API", "http://127.0.0.1:5080");
        var checks = CliParsers.CommaList("--checks", $"Which comparisons ({string.Join(", ", Known)}); default all", "name,...");
        checks.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<List<string>>()?.FirstOrDefault(c => !Known.Contains(c)) is { } unknown)
            {
                result.AddError($"--checks: '{unknown}' is not a check; use {string.Join(", ", Known)}");
            }
        });
        var tolerance = new Option<double>("--tolerance") { Description = "Relative difference still counted as agreeing", DefaultValueFactory = _ => 0.001 };
        var staleAfter = CliParsers.Duration("--stale-after", "The cluster's Grains:StaleAfter: older readings leave a district's mean (default 1h)");
        var hourCoverage = CliParsers.Duration("--hour-coverage", "district-hourly: how much of an hour a gateway must cover for its hour to count (the cluster's rule, 45m)");
        var hourClose = CliParsers.Duration("--hour-close", "district-hourly: how long after its end the cluster closes a district's hour (Grains:HourCloseDelay + Grains:AreaCloseDelay, default 4m); check waits for it, up to 10 min");
        var sample = CliParsers.Positive("--sample", "device-latest: how many gateways to compare (default 20)");
        var patience = CliParsers.Duration("--patience", "How long to wait for the cluster to catch up before reporting mismatches (default 60s)");
        var all = new Option<bool>("--all") { Description = "Print agreeing comparisons too, not only mismatches" };

        var command = new Command("check", "Compare the cluster's indicators with the ground truth of a run") { truth, api, checks, tolerance, staleAfter, hourCoverage, hourClose, sample, patience, all };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var error = result.InvocationConfiguration.Error;
            var names = result.GetValue(checks) is { Count: > 0 } chosen ? chosen : Known.ToList();
            var within = new Tolerance(result.GetValue(tolerance), 1e-6);
            var selected = names.Select(IClusterCheck (name) => name switch
            {
                "district-latest" => new DistrictLatestCheck(within, result.GetValue(staleAfter) ?? TimeSpan.FromHours(1)),
                "district-hourly" => new DistrictHourlyCheck(within, result.GetValue(hourCoverage) ?? TimeSpan.FromMinutes(45),
                    result.GetValue(hourClose) ?? TimeSpan.FromMinutes(4), TimeProvider.System),
                _ => new DeviceLatestCheck(within, result.GetValue(sample) ?? 20),
            }).ToList();
            try
            {
                var reader = GroundTruthReader.Open(result.GetRequiredValue(truth).FullName);
                using var http = new HttpClient { BaseAddress = result.GetRequiredValue(api), Timeout = TimeSpan.FromSeconds(30) };
                if (Environment.GetEnvironmentVariable(TokenVariable) is { Length: > 0 } token) http.DefaultRequestHeaders.Authorization = new("Bearer", token);
                var outcomes = await new CheckRunner(selected, TimeProvider.System)
                    .RunAsync(reader, new CityApiClient(http), result.GetValue(patience) ?? TimeSpan.FromSeconds(60), cancellationToken);
                foreach (var outcome in outcomes)
                {
                    foreach (var finding in outcome.Findings.Where(f => result.GetValue(all) || !f.Agrees)) await output.WriteLineAsync(finding.ToString());
                    var agreeing = outcome.Decided.Count(f => f.Agrees);
                    var undecided = outcome.Findings.Count - outcome.Decided.Count;
                    await output.WriteLineAsync($"{outcome.Check}: {agreeing} of {outcome.Decided.Count} comparisons agree"
                        + (undecided > 0 ? $"; {undecided} undecided (see their notes)" : "")
                        + (outcome.Findings.Count == 0 ? " (the ground truth holds nothing to compare)" : ""));
                }
                return outcomes.All(o => o.Agrees) ? 0 : 1;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                await error.WriteLineAsync($"citybrain-fleet check: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
