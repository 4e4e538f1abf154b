using System.Globalization;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Cli.Checks;

/// <summary>Every configured sensor gives a reading, one sample each through the service's sampler, as
/// <c>citybrain-edge read</c> takes it: one line per sensor.</summary>
internal sealed class SensorsCheck : IGatewayCheck
{
    public const string Name = "sensors";

    public async IAsyncEnumerable<CheckResult> RunAsync(CheckContext context, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (context.Configuration.Valid is not { } options)
        {
            yield return CheckResult.Skipped(Name, "the configuration is not usable");
            yield break;
        }
        if (options.Sensors.Count == 0)
        {
            yield return CheckResult.Warn(Name, "no sensors are configured: the gateway reports nothing",
                "find them with citybrain-edge probe and add them with citybrain-edge probe --write");
            yield break;
        }
        var results = new List<CheckResult>();
        await new ConfiguredSensors(options, context.Sensors).ForEachAsync(async (sensorOptions, sensor, profile) =>
        {
            var (readings, problem) = await ConfiguredSensors.SampleOnceAsync(sensor, profile, context.Time, cancellationToken);
            if (problem is not null) return problem;
            var line = $"sensor {sensor.Name}";
            var values = string.Join(", ", readings.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Quantity.Info().WireName} {r.Value:0.##} {r.Quantity.Info().DisplayUnit}").TrimEnd()));
            var doubtful = readings.Where(r => r.Quality != Quality.Ok).Select(r => $"{r.Quantity.Info().WireName} is {r.Quality.ToString().ToLowerInvariant()}" + (r.Reason is { } why ? $" ({why})" : "")).ToList();
            results.Add(doubtful.Count == 0
                ? CheckResult.Pass(line, $"{values} ({ConfiguredSensors.Where(sensorOptions)})")
                : CheckResult.Warn(line, $"{values}; {string.Join("; ", doubtful)}", "look again after the sensor's warm-up; if it stays, check its placement and calibration"));
            return null;
        }, (sensorOptions, problem, code) => results.Add(CheckResult.Fail($"sensor {ConfiguredSensors.Label(sensorOptions)}", problem,
            code == ExitCodes.Configuration ? "correct the sensor's entry in the configuration" : "check its wiring, power, Bus/Address or Port; citybrain-edge probe shows what answers where")));
        foreach (var result in results) yield return result;
    }
}
