using CityBrain.Edge.Sensors.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>A serial sensor: its port read through a resynchronising <see cref="UartChannel"/> with a deadline on every
/// wait, and its settings from configuration (the defaults when none are given).</summary>
public abstract class UartSensorDriver<TSettings> : SensorDriver where TSettings : class, new()
{
    protected UartSensorDriver(Stream port, string name, TimeProvider time, TSettings? settings, ILogger? logger)
        : this(new UartChannel(port, time, name, logger ?? NullLogger.Instance), name, time, settings ?? new TSettings(), logger)
    {
    }

    private UartSensorDriver(UartChannel uart, string name, TimeProvider time, TSettings settings, ILogger? logger)
        : base(name, uart, time, logger)
    {
        Uart = uart;
        Settings = settings;
    }

    protected UartChannel Uart { get; }

    protected TSettings Settings { get; }
}
