namespace CityBrain.Edge.Sensors.Configuration;

/// <summary>A sensor's configuration the gateway cannot run with. The message names the sensor and every bad option
/// with what is wrong, in words a technician can act on.</summary>
public sealed class SensorConfigurationException(string sensor, IReadOnlyList<(string Option, string Problem)> problems)
    : Exception($"sensor '{sensor}': {string.Join("; ", problems.Select(p => $"{p.Option} {p.Problem}"))}")
{
    public string Sensor { get; } = sensor;

    /// <summary>The first bad option, e.g. <c>Bme280.Filter</c>.</summary>
    public string Option => Problems[0].Option;

    public IReadOnlyList<(string Option, string Problem)> Problems { get; } = problems;
}
