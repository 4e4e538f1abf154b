using System.Device.I2c;
using System.Globalization;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht4x;

namespace CityBrain.Edge.Sensors;

/// <summary>Builds the configured sensors: the real driver on the real bus, or the same driver on an emulated chip.</summary>
public sealed class SensorFactory(TimeProvider time)
{
    /// <summary>The weather emulated chips measure: daily cycles in Beijing time, so a gateway on emulators reports living values.</summary>
    private static readonly Ambient EmulatedAir = Ambient.CityDay(TimeSpan.FromHours(8));

    public IReadOnlyList<ISensor> CreateAll(IEnumerable<SensorOptions> sensors) => sensors.Select(Create).ToList();

    public ISensor Create(SensorOptions options) => options.Type.ToLowerInvariant() switch
    {
        "sht4x" => new Sht4xSensor(I2c(options, Sht4xSensor.DefaultAddress, a => new Sht4xEmulator(EmulatedAir, time, options.Bus, a)),
            NameOf(options, Sht4xSensor.DefaultAddress), time),
        _ => throw new ConfigurationException($"sensor type '{options.Type}' is not supported (supported: sht4x)"),
    };

    private static string NameOf(SensorOptions o, int defaultAddress) =>
        o.Name ?? $"{o.Type.ToLowerInvariant()}@{o.Bus}:0x{(o.Address == 0 ? defaultAddress : o.Address).ToString("x2", CultureInfo.InvariantCulture)}";

    private static I2cDevice I2c(SensorOptions o, int defaultAddress, Func<int, I2cDevice> emulator)
    {
        var address = o.Address == 0 ? defaultAddress : o.Address;
        if (o.Emulated) return emulator(address);
        try
        {
            return I2cDevice.Create(new I2cConnectionSettings(o.Bus, address));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException(ex is UnauthorizedAccessException
                ? $"no permission on /dev/i2c-{o.Bus}: add the service user to the 'i2c' group"
                : $"I2C bus {o.Bus} does not exist (/dev/i2c-{o.Bus}): enable I2C with raspi-config or fix Bus in the configuration");
        }
    }
}

/// <summary>A configuration the gateway cannot run with; the message is one sentence a technician can act on.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
