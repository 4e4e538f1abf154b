using System.Globalization;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Configuration;
using SensorOptions = CityBrain.Edge.Configuration.SensorOptions;

namespace CityBrain.Edge.Cli;

/// <summary>The configured sensors as the technician's commands see them: each built on its own, so that one wrong
/// bus does not hide what the others say.</summary>
internal sealed class ConfiguredSensors(GatewayOptions options, SensorFactory factory)
{
    public async Task<int> ForEachAsync(Func<SensorOptions, ISensor, SensorProfile, Task<string?>> use, Action<SensorOptions, string> failed)
    {
        var failures = 0;
        foreach (var sensorOptions in options.Sensors)
        {
            string? problem;
            try
            {
                using var sensor = factory.Create(sensorOptions);
                problem = await use(sensorOptions, sensor, SensorProfiles.From(sensorOptions, sensor));
            }
            catch (Exception ex) when (ex is HardwareAccessException or ConfigurationException or SensorException)
            {
                problem = ex.Message;
            }
            if (problem is null) continue;
            failures++;
            failed(sensorOptions, problem);
        }
        return failures;
    }

    /// <summary>Where a sensor is attached, in the words of its configuration.</summary>
    public static string Where(SensorOptions s) =>
        (s.Port is { } port ? port : $"I2C bus {s.Bus}, address {(s.Address == 0 ? "default" : "0x" + s.Address.ToString("x2", CultureInfo.InvariantCulture))}")
        + (s.Emulated ? " (emulated)" : "");

    /// <summary>The sensor's name as its readings carry it.</summary>
    public static string Label(SensorOptions s) =>
        s.Name ?? (SensorCatalog.Find(s.Type) is { } kind ? SensorCatalog.NameOf(s, kind) : s.Type);
}
