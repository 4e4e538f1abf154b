using System.Device.I2c;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Edge.Sensors.Transport;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Configuration;

public enum SensorLink
{
    I2c,
    Serial,
}

/// <summary>One supported sensor type: how it is wired and how its driver is built from options.</summary>
public sealed class SensorKind
{
    internal SensorKind(string type, SensorLink link, IReadOnlyList<int> addresses, int baudRate, string? section, Func<SensorParts, ISensor> build,
        Func<SensorOptions, IEnumerable<(string Option, string Problem)>>? validateSettings = null)
    {
        Type = type;
        Link = link;
        Addresses = addresses;
        BaudRate = baudRate;
        Section = section;
        Build = build;
        ValidateSettings = validateSettings ?? (_ => []);
    }

    /// <summary>The configuration's <c>Type</c>, e.g. <c>bme280</c>.</summary>
    public string Type { get; }

    public SensorLink Link { get; }

    /// <summary>The chip itself: types named <c>chip-use</c> (<c>ads1115-noise</c>, <c>ads1115-gas</c>) are front ends
    /// on one chip, so a probe asks it once.</summary>
    public string Chip => Type.Split('-')[0];

    /// <summary>For I2C, every address the chip can have; the first is the usual one.</summary>
    public IReadOnlyList<int> Addresses { get; }

    /// <summary>For serial sensors, the UART's baud rate (8N1).</summary>
    public int BaudRate { get; }

    /// <summary>The options section with the chip's settings, if it has any.</summary>
    public string? Section { get; }

    internal Func<SensorParts, ISensor> Build { get; }

    /// <summary>The chip's own validation of its settings section (beyond what binding already checks).</summary>
    internal Func<SensorOptions, IEnumerable<(string Option, string Problem)>> ValidateSettings { get; }
}

/// <summary>What a driver is built from; connections open only when the driver asks for them.</summary>
/// <param name="Address">The configured I2C address, or the chip's usual one.</param>
/// <param name="AdcGate">The gate of the ADS1115 at an address of this bus, shared by every sensor built on it.</param>
internal sealed record SensorParts(SensorOptions Options, string Name, int Address, TimeProvider Time, ILogger Logger,
    Func<int, I2cDevice> OpenI2cAt, Func<Stream> OpenSerial, Func<int, SemaphoreSlim> AdcGate)
{
    public I2cDevice OpenI2c() => OpenI2cAt(Address);

    public Ads1115Adc Adc(int address) => new(new I2cChannel(OpenI2cAt(address), Name), Time, Name, AdcGate(address));
}
