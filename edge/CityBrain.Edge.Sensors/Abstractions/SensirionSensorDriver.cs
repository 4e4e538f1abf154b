using System.Device.I2c;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Transport;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>A Sensirion I2C sensor: its commands and CRC-checked words through a <see cref="SensirionChannel"/>, and its
/// settings from configuration (the defaults when none are given).</summary>
public abstract class SensirionSensorDriver<TSettings> : SensorDriver where TSettings : class, new()
{
    protected SensirionSensorDriver(I2cDevice device, string name, TimeProvider time, TSettings? settings, ILogger? logger)
        : this(new I2cChannel(device, name), name, time, settings ?? new TSettings(), logger)
    {
    }

    private SensirionSensorDriver(I2cChannel i2c, string name, TimeProvider time, TSettings settings, ILogger? logger)
        : base(name, i2c, time, logger)
    {
        Chip = new SensirionChannel(i2c, time, name);
        Settings = settings;
    }

    protected SensirionChannel Chip { get; }

    protected TSettings Settings { get; }
}
