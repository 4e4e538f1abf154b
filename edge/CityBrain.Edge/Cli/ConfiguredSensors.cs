using System.Globalization;
using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using SensorOptions = CityBrain.Edge.Configuration.SensorOptions;

namespace CityBrain.Edge.Cli;

/// <summary>The configured sensors as the technician's commands see them: each built on its own, so that one wrong
/// bus does not hide what the others say.</summary>
internal sealed class ConfiguredSensors(GatewayOptions options, SensorFactory factory)
{
    /// <summary>Builds and uses each sensor in turn; a sensor that cannot be built or used is passed to
    /// <paramref name="failed"/> with its sentence and exit code (a wrong entry is a configuration mistake, as it is
    /// for <c>run</c>; a bus or chip that does not answer is a hardware one).</summary>
    /// <returns>The exit code of the worst failure: a configuration mistake before a hardware one; 0 without failures.</returns>
    public async Task<int> ForEachAsync(Func<SensorOptions, ISensor, SensorProfile, Task<string?>> use, Action<SensorOptions, string, int> failed)
    {
        var worst = ExitCodes.Ok;
        foreach (var sensorOptions in options.Sensors)
        {
            (string Problem, int Code)? failure;
            try
            {
                using var sensor = factory.Create(sensorOptions);
                failure = await use(sensorOptions, sensor, SensorProfiles.From(sensorOptions, sensor)) is { } problem ? (problem, ExitCodes.Hardware) : null;
            }
            catch (ConfigurationException ex)
            {
                failure = (ex.Message, ExitCodes.Configuration);
            }
            catch (Exception ex) when (ex is HardwareAccessException or SensorException)
            {
                failure = (ex.Message, ExitCodes.Hardware);
            }
            if (failure is not { } f) continue;
            if (worst != ExitCodes.Configuration) worst = f.Code;
            failed(sensorOptions, f.Problem, f.Code);
        }
        return worst;
    }

    /// <summary>One sample through the service's sampler, closed as a window: the readings, or the sampler's error.</summary>
    public static async Task<(IReadOnlyList<Reading> Readings, string? Problem)> SampleOnceAsync(ISensor sensor, SensorProfile profile, TimeProvider time, CancellationToken cancellationToken)
    {
        var sampler = new SensorSampler(sensor, profile, time, NullLogger.Instance);
        await sampler.SampleAsync(cancellationToken);
        return sampler.Counters.LastError is { } failure ? ([], failure) : (sampler.CloseWindow(), null);
    }

    /// <summary>Where a sensor is attached, in the words of its configuration.</summary>
    public static string Where(SensorOptions s) =>
        (s.Port is { } port ? port
            : string.Create(CultureInfo.InvariantCulture, $"I2C bus {s.Bus}, address 0x{(SensorCatalog.Find(s.Type) is { } kind ? SensorCatalog.AddressOf(s, kind) : s.Address):x2}"))
        + (s.Emulated ? " (emulated)" : "");

    /// <summary>The sensor's name as its readings carry it.</summary>
    public static string Label(SensorOptions s) =>
        s.Name ?? (SensorCatalog.Find(s.Type) is { } kind ? SensorCatalog.NameOf(s, kind) : s.Type);
}
