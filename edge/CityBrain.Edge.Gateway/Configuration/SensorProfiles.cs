using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Sensors.Abstractions;

namespace CityBrain.Edge.Configuration;

/// <summary>Turns a sensor's configuration into the sampler's profile, once the sensor says what it measures.</summary>
public static class SensorProfiles
{
    /// <exception cref="ConfigurationException">The calibration or a limit names a quantity the sensor does not measure.</exception>
    public static SensorProfile From(SensorOptions options, ISensor sensor)
    {
        var measured = string.Join(" and ", sensor.Quantities.Select(q => q.WireName()));
        LinearCalibration? calibration = null;
        if (options.Calibration is { } c)
        {
            Quantity quantity;
            if (c.Quantity is null)
            {
                if (sensor.Quantities.Count != 1)
                {
                    throw new ConfigurationException($"the calibration of {sensor.Name} needs a Quantity: the sensor measures {measured}");
                }
                quantity = sensor.Quantities[0];
            }
            else
            {
                quantity = Measured(c.Quantity, sensor, measured, "calibration");
            }
            calibration = new LinearCalibration(quantity, c.Offset, c.Factor, c.Date);
        }
        var limits = new Dictionary<Quantity, QuantityLimits>();
        foreach (var (name, overrides) in options.Limits)
        {
            var quantity = Measured(name, sensor, measured, "limit");
            var defaults = QuantityLimits.Default(quantity, sensor.Model);
            limits[quantity] = new QuantityLimits(overrides.Min ?? defaults.RatedMin, overrides.Max ?? defaults.RatedMax,
                overrides.MaxJump ?? defaults.MaxJump, overrides.StuckAfter ?? defaults.StuckAfter);
        }
        return new SensorProfile(options.SampleInterval, options.WarmUp, calibration, limits, options.MaxChecksumErrorRate);
    }

    private static Quantity Measured(string name, ISensor sensor, string measured, string what)
    {
        if (Quantities.TryParse(name, out var info) && sensor.Quantities.Contains(info.Quantity)) return info.Quantity;
        throw new ConfigurationException($"the {what} '{name}' of {sensor.Name} is not one of its quantities: it measures {measured}");
    }
}
