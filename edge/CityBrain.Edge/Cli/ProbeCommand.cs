using System.CommandLine;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Sensors.Probe;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge probe</c>: scans the I2C buses and serial ports for supported sensors, identifies each
/// (chip id or serial number), and says which configured sensors do not answer or answer as another chip.</summary>
internal static class ProbeCommand
{
    public static Command Create(Option<string?> config)
    {
        var buses = new Option<int[]>("--bus") { Description = "Scan this I2C bus too (repeatable)", HelpName = "number" };
        var ports = new Option<string[]>("--port") { Description = "Scan this serial port too (repeatable)", HelpName = "device" };
        var write = new Option<bool>("--write") { Description = "Add the sensors found but not configured to the configuration file, keeping everything in it" };
        var command = new Command("probe", "Scan the configured sensors' buses and ports (every one the machine has when none is configured) " +
            "for supported sensors, identify them, and say which configured sensors do not answer")
        {
            buses,
            ports,
            write,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var given = result.GetValue(config);
            var path = GatewayConfiguration.ResolvePath(given);
            var asked = result.GetValue(buses) is { Length: > 0 } || result.GetValue(ports) is { Length: > 0 };
            try
            {
                // A gateway is probed before it is provisioned: the default configuration may not exist yet, and a
                // scan of given buses needs none. A file named on purpose but missing is still a mistake.
                var sensors = File.Exists(path) || (given is not null && !asked)
                    ? GatewayConfiguration.Bind(GatewayConfiguration.Build(path, []), path).Sensors
                    : [];
                var devices = new DeviceFiles();
                var scan = new ProbeScan(new SensorFactory(TimeProvider.System, devices), devices, new SensorProbe(TimeProvider.System));
                scan.AddConfigured(sensors);
                foreach (var bus in result.GetValue(buses) ?? []) scan.AddBus(bus);
                foreach (var port in result.GetValue(ports) ?? []) scan.AddPort(port);
                if (sensors.Count == 0 && !asked) scan.AddEverything();

                var table = new TextTable("WHERE", "MODEL", "IDENTITY", "TYPE", "CONFIGURED");
                foreach (var row in await scan.RunAsync(cancellationToken)) table.Add(row);
                table.WriteTo(output);
                if (result.GetValue(write))
                {
                    foreach (var sentence in ProbeWrite.Apply(path, scan.Unconfigured)) await output.WriteLineAsync($"{char.ToUpperInvariant(sentence[0])}{sentence[1..]}.");
                }
                foreach (var problem in scan.Problems) TechnicianErrors.Say(error, "probe", problem, ExitCodes.Hardware);
                return scan.Problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Hardware;
            }
            catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
            {
                return TechnicianErrors.Report(ex, "probe", error);
            }
        });
        return command;
    }
}
