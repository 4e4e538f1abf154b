using System.CommandLine;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Time;

namespace CityBrain.Simulators.Fleet.Cli;

/// <summary><c>citybrain-fleet validate scenario.json</c>: every problem of a scenario file, one per line, or what it describes.</summary>
internal static class ValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("scenario") { Description = "The scenario file to check" };
        var command = new Command("validate", "Check a scenario file and say what city it describes") { file };
        command.SetAction(async result =>
        {
            var path = result.GetRequiredValue(file).FullName;
            var read = ScenarioReader.ReadFile(path);
            if (read.Scenario is not { } s)
            {
                foreach (var e in read.Errors) await result.InvocationConfiguration.Error.WriteLineAsync($"{path}: {e}");
                return 1;
            }
            var output = result.InvocationConfiguration.Output;
            await output.WriteLineAsync($"{s.Name}: {s.Districts.Count} districts, {s.TotalGateways} gateways reporting every {Durations.Format(s.ReportInterval)}, time zone {s.TimeZone.Id}, seed {s.Seed}");
            foreach (var d in s.Districts)
            {
                await output.WriteLineAsync($"  {d.Id,-16} {d.Character.ToString().ToLowerInvariant(),-12} {d.Gateways,6} gateways ({d.Mix}), {(d.Sensors is { } listed ? $"{listed.Count} sensors" : "each kind's sensors")}" + (d.Traffic != 1 ? $", traffic ×{d.Traffic}" : ""));
            }
            foreach (var e in s.Episodes) await output.WriteLineAsync($"  episode from {e.Origin} at {e.Start} for {Durations.Format(e.Duration)}, intensity {e.Intensity}");
            if (s.RandomEpisodes is { } r) await output.WriteLineAsync($"  about {r.PerWeek} random episodes a week");
            foreach (var f in s.Faults) await output.WriteLineAsync($"  fault: {f}");
            return 0;
        });
        return command;
    }
}
