using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Bus;
using CityBrain.Edge.Sensors.Configuration;
using CityBrain.Simulators.Chips.Bus;
using CityBrain.Simulators.Chips.Physical;
using Microsoft.Extensions.Logging;
using SensorOptions = CityBrain.Edge.Configuration.SensorOptions;

namespace CityBrain.Edge.Sensors;

/// <summary>Builds the configured sensors through the sensor library's catalog: the real driver on the Pi's buses, or
/// the same driver on register-level emulators of the chips. Every kind the catalog knows is configurable here.</summary>
/// <param name="emulated">The bus emulated chips are put on; one for all the gateway's sensors, so that sensors sharing
/// a chip share its emulator (and a test can reach the chips to inject faults).</param>
public sealed class SensorFactory(TimeProvider time, DeviceFiles devices, EmulatedSensorBus? emulated = null, ILoggerFactory? loggers = null)
{
    /// <summary>The weather emulated chips measure: daily cycles in Beijing time, so a gateway on emulators reports living values.</summary>
    private static readonly Ambient EmulatedAir = Ambient.CityDay(TimeSpan.FromHours(8));

    private readonly SensorCatalog _catalog = new(time, loggers);
    private readonly HardwareSensorBus _hardware = new(loggers?.CreateLogger<HardwareSensorBus>());
    private readonly EmulatedSensorBus _emulated = emulated ?? new();

    public static IReadOnlyList<string> SupportedTypes { get; } = [.. SensorCatalog.Kinds.Select(k => k.Type)];

    /// <exception cref="ConfigurationException">The type is unknown, an option is wrong, or the chip has no emulator.</exception>
    /// <exception cref="HardwareAccessException">The bus or port cannot be used.</exception>
    public ISensor Create(SensorOptions options)
    {
        var bus = BusFor(options);
        try
        {
            return _catalog.Create(options, bus);
        }
        catch (SensorConfigurationException ex)
        {
            throw new ConfigurationException(ex.Message, ex);
        }
    }

    /// <summary>The bus the sensor is on: the emulated one with its chip attached, or the Pi's after checking that the
    /// sensor's bus or port can be used.</summary>
    /// <exception cref="ConfigurationException">The chip has no emulator.</exception>
    /// <exception cref="HardwareAccessException">The bus or port cannot be used.</exception>
    public ISensorBus BusFor(SensorOptions options)
    {
        var kind = SensorCatalog.Find(options.Type);
        if (options.Emulated)
        {
            try
            {
                if (kind is not null) EmulatedChips.Attach(_emulated, options, EmulatedAir, time);
            }
            catch (NotSupportedException ex)
            {
                throw new ConfigurationException(ex.Message, ex);
            }
            return _emulated;
        }
        // The technician's usual mistakes are told in their words before a driver meets them as an errno.
        if (kind?.Link == SensorLink.I2c) devices.RequireI2cBus(options.Bus);
        else if (kind is not null && options.Port is { } port) devices.RequireSerialPort(port);
        return _hardware;
    }

    /// <summary>The Pi's I2C bus <paramref name="bus"/>, checked.</summary>
    /// <exception cref="HardwareAccessException">The bus is missing or not permitted.</exception>
    public ISensorBus HardwareI2c(int bus)
    {
        devices.RequireI2cBus(bus);
        return _hardware;
    }

    /// <summary>The Pi's serial port <paramref name="port"/>, checked.</summary>
    /// <exception cref="HardwareAccessException">The port is missing, not permitted or busy.</exception>
    public ISensorBus HardwareSerial(string port)
    {
        devices.RequireSerialPort(port);
        return _hardware;
    }
}
