using System.CommandLine;
using CityBrain.Edge.Sensors;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge probe</c>: asks every configured sensor who it is (chip id or serial number), so a
/// technician sees which sensors answer where, and why the others do not.</summary>
internal static class ProbeCommand
{
    public static Command Create(Option<string?> config)
    {
        var command = new Command("probe", "Check which configured sensors answer on their bus or port, and identify them");
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var path = GatewayConfiguration.ResolvePath(result.GetValue(config));
            try
            {
                var options = GatewayConfiguration.Load(GatewayConfiguration.Build(path, []), path);
                if (options.Sensors.Count == 0) return TechnicianErrors.Say(error, "probe", $"no sensors are configured in {path}: add them to Gateway:Sensors", ExitCodes.Configuration);
                var table = new TextTable("SENSOR", "WHERE", "MODEL", "IDENTITY");
                var problems = new List<string>();
                await new ConfiguredSensors(options, new SensorFactory(TimeProvider.System, new DeviceFiles())).ForEachAsync(async (sensorOptions, sensor, _) =>
                {
                    var identity = await sensor.IdentifyAsync(cancellationToken);
                    var id = identity.SerialNumber is { } serial ? $"serial {serial}" : identity.ChipId is { } chip ? $"chip id {chip}" : "answers";
                    table.Add(sensor.Name, ConfiguredSensors.Where(sensorOptions), identity.Model, id);
                    return null;
                }, (sensor, problem) =>
                {
                    table.Add(ConfiguredSensors.Label(sensor), ConfiguredSensors.Where(sensor), "-", "no answer");
                    problems.Add(problem);
                });
                table.WriteTo(output);
                foreach (var problem in problems) TechnicianErrors.Say(error, "probe", problem, ExitCodes.Hardware);
                return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Hardware;
            }
            catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
            {
                return TechnicianErrors.Report(ex, "probe", error);
            }
        });
        return command;
    }
}
