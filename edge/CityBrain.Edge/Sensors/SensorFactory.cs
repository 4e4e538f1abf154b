using System.Device.I2c;
using System.Globalization;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Sht4x;

namespace CityBrain.Edge.Sensors;

/// <summary>Builds the configured sensors: the real driver on the real bus, or the same driver on a register-level
/// emulator of the chip.</summary>
public sealed class SensorFactory(TimeProvider time, DeviceFiles devices)
{
    /// <summary>The weather emulated chips measure: daily cycles in Beijing time, so a gateway on emulators reports living values.</summary>
    private static readonly Ambient EmulatedAir = Ambient.CityDay(TimeSpan.FromHours(8));

    public static IReadOnlyList<string> SupportedTypes { get; } = ["sht4x"];

    /// <exception cref="ConfigurationException">The type is unknown.</exception>
    /// <exception cref="HardwareAccessException">The bus or port cannot be used.</exception>
    public ISensor Create(SensorOptions options) => options.Type.ToLowerInvariant() switch
    {
        "sht4x" => new Sht4xSensor(I2c(options, Sht4xSensor.DefaultAddress, a => new Sht4xEmulator(EmulatedAir, time, options.Bus, a)),
            NameOf(options, Sht4xSensor.DefaultAddress), time),
        _ => throw new ConfigurationException(
            $"sensor type '{options.Type}' is not supported; supported types: {string.Join(", ", SupportedTypes)}"),
    };

    private static string NameOf(SensorOptions o, int defaultAddress) =>
        o.Name ?? $"{o.Type.ToLowerInvariant()}@{o.Bus}:0x{Address(o, defaultAddress).ToString("x2", CultureInfo.InvariantCulture)}";

    private static int Address(SensorOptions o, int defaultAddress) => o.Address == 0 ? defaultAddress : o.Address;

    private I2cDevice I2c(SensorOptions o, int defaultAddress, Func<int, I2cDevice> emulator)
    {
        var address = Address(o, defaultAddress);
        if (o.Emulated) return emulator(address);
        devices.RequireI2cBus(o.Bus);
        return I2cDevice.Create(new I2cConnectionSettings(o.Bus, address));
    }
}
