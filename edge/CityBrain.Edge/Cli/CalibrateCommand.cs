using System.CommandLine;
using System.Globalization;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Sensors.Abstractions;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge calibrate SENSOR zero|span PPM</c>: a technician's zero-point or span calibration of a
/// configured gas sensor on site. It reads the sensor until its warm-up is over, showing each value so the technician
/// sees it settle in the calibration air, then calibrates and reads once more.</summary>
/// <remarks>The service must be stopped first: it holds the sensor's port.</remarks>
internal static class CalibrateCommand
{
    private static readonly TimeSpan ShowEvery = TimeSpan.FromSeconds(15);

    public static Command Create(Option<string?> config, TimeProvider time)
    {
        var sensorName = new Argument<string>("sensor") { Description = "The sensor's name as its readings carry it (see citybrain-edge read), or its type when only one has it" };
        var kind = new Argument<string>("calibration") { Description = "zero (fresh outdoor air, 400 ppm) or span (a bottled calibration gas)" };
        kind.AcceptOnlyFromAmong("zero", "span");
        var ppm = new Argument<int?>("ppm") { Description = "For span: the calibration gas's concentration, e.g. 2000", Arity = ArgumentArity.ZeroOrOne };
        var force = new Option<bool>("--force") { Description = "Span even when the sensor reads far from the gas (a chip known to be that far off)" };
        var command = new Command("calibrate", "Calibrate a gas sensor's zero point in fresh air or its span in a calibration gas (stop the service first)")
        {
            sensorName,
            kind,
            ppm,
            force,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var span = result.GetValue(kind) == "span";
            var concentration = result.GetValue(ppm);
            if (span != concentration.HasValue)
            {
                return TechnicianErrors.Say(error, "calibrate", span
                    ? "a span calibration needs the gas's concentration: citybrain-edge calibrate SENSOR span 2000"
                    : "a zero-point calibration takes no concentration: the fresh air it is done in is 400 ppm", ExitCodes.Usage);
            }
            var path = GatewayConfiguration.ResolvePath(result.GetValue(config));
            try
            {
                var options = GatewayConfiguration.Load(GatewayConfiguration.Build(path, []), path);
                var wanted = result.GetValue(sensorName)!;
                var matches = options.Sensors.Where(s => ConfiguredSensors.Label(s) == wanted).ToList() is { Count: > 0 } byName
                    ? byName
                    : [.. options.Sensors.Where(s => string.Equals(s.Type, wanted, StringComparison.OrdinalIgnoreCase))];
                if (matches.Count != 1)
                {
                    return TechnicianErrors.Say(error, "calibrate", $"{(matches.Count == 0 ? "no configured sensor is" : "more than one configured sensor is")} called '{wanted}'; " +
                        $"the sensors are {string.Join(", ", options.Sensors.Select(ConfiguredSensors.Label))}", ExitCodes.Usage);
                }
                using var sensor = new SensorFactory(time, new DeviceFiles()).Create(matches[0]);
                if (sensor is not IZeroSpanCalibration calibrated)
                {
                    return TechnicianErrors.Say(error, "calibrate", $"{sensor.Name} ({sensor.Model}) has no zero or span calibration; it calibrates itself or through Calibration in its configuration", ExitCodes.Usage);
                }
                var (min, max) = calibrated.SpanRange;
                if (span && (concentration < min || concentration > max))
                {
                    return TechnicianErrors.Say(error, "calibrate", $"a span gas for {sensor.Name} must be {min}..{max} ppm (got {concentration})", ExitCodes.Usage);
                }
                var before = await SettleAsync(sensor, calibrated, output, time, cancellationToken);
                if (span && !result.GetValue(force) && before < calibrated.FreshAir + (concentration!.Value - calibrated.FreshAir) / 2)
                {
                    return TechnicianErrors.Say(error, "calibrate", $"{sensor.Name} reads {before} ppm, not near the {concentration} ppm gas: is it in the calibration gas? " +
                        "A span taken in other air makes every later reading wrong; nothing was changed (--force spans anyway)", ExitCodes.Hardware);
                }
                var was = span
                    ? await calibrated.CalibrateSpanAsync(concentration!.Value, cancellationToken)
                    : await calibrated.CalibrateZeroPointAsync(cancellationToken);
                var target = span ? concentration!.Value : calibrated.FreshAir;
                output.WriteLine($"{(span ? "span" : "zero point")} calibrated: {sensor.Name} read {was} ppm, the air is now {target} ppm; it reads {await ReadAsync(sensor, cancellationToken)} ppm");
                return ExitCodes.Ok;
            }
            catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
            {
                return TechnicianErrors.Report(ex, "calibrate", error);
            }
        });
        return command;
    }

    /// <summary>Reads until the warm-up is over, showing the value now and then; returns the last reading.</summary>
    private static async Task<int> SettleAsync(ISensor sensor, IZeroSpanCalibration calibrated, TextWriter output, TimeProvider time, CancellationToken cancellationToken)
    {
        var reading = await ReadAsync(sensor, cancellationToken);
        while (calibrated.UntilReady > TimeSpan.Zero)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{sensor.Name} warming up, {calibrated.UntilReady.TotalSeconds:F0} s left: reads {reading} ppm"));
            await Task.Delay(calibrated.UntilReady < ShowEvery ? calibrated.UntilReady : ShowEvery, time, cancellationToken);
            reading = await ReadAsync(sensor, cancellationToken);
        }
        return reading;
    }

    private static async Task<int> ReadAsync(ISensor sensor, CancellationToken cancellationToken) =>
        (int)Math.Round((await sensor.ReadAsync(cancellationToken))[0].Value);
}
