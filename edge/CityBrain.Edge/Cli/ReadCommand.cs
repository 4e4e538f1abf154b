using System.CommandLine;
using System.Globalization;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge read</c>: one reading from every configured sensor, through the same calibration and
/// quality checks as the service, as a table with units and quality.</summary>
internal static class ReadCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("read", "Read every configured sensor once and show the values with units and quality");
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var path = GatewayConfiguration.ResolvePath(result.GetValue(config));
            try
            {
                var options = GatewayConfiguration.Load(GatewayConfiguration.Build(path, []), path);
                var time = TimeProvider.System;
                var table = new TextTable("SENSOR", "QUANTITY", "VALUE", "UNIT", "QUALITY", "NOTE");
                var problems = new List<string>();
                var worst = await new ConfiguredSensors(options, new SensorFactory(time, new DeviceFiles())).ForEachAsync(async (_, sensor, profile) =>
                {
                    var (readings, problem) = await ConfiguredSensors.SampleOnceAsync(sensor, profile, time, cancellationToken);
                    foreach (var reading in readings)
                    {
                        var info = reading.Quantity.Info();
                        table.Add(sensor.Name, info.WireName, reading.Value?.ToString("0.###", CultureInfo.InvariantCulture) ?? "-", info.DisplayUnit,
                            reading.Quality.ToString().ToLowerInvariant(), reading.Reason ?? "");
                    }
                    return problem;
                }, (sensor, problem, _) =>
                {
                    table.Add(ConfiguredSensors.Label(sensor), "-", "-", "", "error", problem);
                    problems.Add(problem);
                });
                if (options.Sensors.Count == 0) return TechnicianErrors.Say(error, "read", $"no sensors are configured in {path}: add them to Gateway:Sensors (citybrain-edge probe --write adds the sensors it finds)", ExitCodes.Configuration);
                table.WriteTo(output);
                foreach (var problem in problems) TechnicianErrors.Say(error, "read", problem, worst);
                return worst;
            }
            catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
            {
                return TechnicianErrors.Report(ex, "read", error);
            }
        });
        return command;
    }
}
