using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Edge.Sensors.Bh1750;
using CityBrain.Edge.Sensors.Bme280;
using CityBrain.Edge.Sensors.Bus;
using CityBrain.Edge.Sensors.GasCells;
using CityBrain.Edge.Sensors.MhZ19b;
using CityBrain.Edge.Sensors.Pms5003;
using CityBrain.Edge.Sensors.Scd4x;
using CityBrain.Edge.Sensors.Sds011;
using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Edge.Sensors.Sen66;
using CityBrain.Edge.Sensors.Sgp41;
using CityBrain.Edge.Sensors.Sht3x;
using CityBrain.Edge.Sensors.Sht4x;
using CityBrain.Edge.Sensors.SoundLevel;
using CityBrain.Edge.Sensors.Sps30;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Sensors.Configuration;

/// <summary>Builds drivers from configuration: checks every option first and names each bad one, then opens the
/// connection on the given bus (real or emulated) and builds the driver.</summary>
public sealed class SensorCatalog(TimeProvider time, ILoggerFactory? loggers = null)
{
    private readonly ILoggerFactory _loggers = loggers ?? NullLoggerFactory.Instance;

    /// <summary>One gate per ADS1115 (bus, bus id, address), so sensors sharing a chip never overlap conversions.</summary>
    private readonly ConditionalWeakTable<ISensorBus, ConcurrentDictionary<(int Bus, int Address), SemaphoreSlim>> _adcGates = [];

    public static IReadOnlyList<SensorKind> Kinds { get; } =
    [
        new("bme280", SensorLink.I2c, Bme280Sensor.Addresses, 0, nameof(SensorOptions.Bme280),
            p => new Bme280Sensor(p.OpenI2c(), p.Name, p.Time, p.Options.Bme280, p.Logger),
            o => o.Bme280?.Validate() ?? []),
        new("ads1115-noise", SensorLink.I2c, Ads1115Adc.Addresses, 0, nameof(SensorOptions.Noise),
            p => new SoundLevelSensor(p.Adc(p.Address), p.Name, p.Time, p.Options.Noise, p.Logger),
            o => o.Noise?.Validate() ?? []),
        new("ads1115-gas", SensorLink.I2c, Ads1115Adc.Addresses, 0, nameof(SensorOptions.Gas),
            p => new GasCellSensor(
                p.Options.Gas!.Cells.Select(c => c.Address == 0 ? p.Address : c.Address).Append(p.Address).Distinct().ToDictionary(a => a, p.Adc),
                p.Address, p.Name, p.Time, p.Options.Gas, p.Logger),
            o => o.Gas?.Validate() ?? [(nameof(GasCellSettings.Cells), "are missing: an ads1115-gas sensor needs its cells and their calibration sheets")]),
        new("bh1750", SensorLink.I2c, Bh1750Sensor.Addresses, 0, nameof(SensorOptions.Bh1750),
            p => new Bh1750Sensor(p.OpenI2c(), p.Name, p.Time, p.Options.Bh1750, p.Logger),
            o => o.Bh1750?.Validate() ?? []),
        new("scd4x", SensorLink.I2c, Scd4xSensor.Addresses, 0, nameof(SensorOptions.Scd4x),
            p => new Scd4xSensor(p.OpenI2c(), p.Name, p.Time, p.Options.Scd4x, p.Logger),
            o => o.Scd4x?.Validate() ?? []),
        new("sht3x", SensorLink.I2c, Sht3xSensor.Addresses, 0, nameof(SensorOptions.Sht3x),
            p => new Sht3xSensor(p.OpenI2c(), p.Name, p.Time, p.Options.Sht3x, p.Logger)),
        new("sht4x", SensorLink.I2c, Sht4xSensor.Addresses, 0, nameof(SensorOptions.Sht4x),
            p => new Sht4xSensor(p.OpenI2c(), p.Name, p.Time, p.Options.Sht4x, p.Logger),
            o => o.Sht4x?.Validate() ?? []),
        new("pms5003", SensorLink.Serial, [], Pms5003Commands.BaudRate, nameof(SensorOptions.Pms5003),
            p => new Pms5003Sensor(p.OpenSerial(), p.Name, p.Time, p.Options.Pms5003, p.Logger)),
        new("sds011", SensorLink.Serial, [], Sds011Commands.BaudRate, nameof(SensorOptions.Sds011),
            p => new Sds011Sensor(p.OpenSerial(), p.Name, p.Time, p.Options.Sds011, p.Logger),
            o => o.Sds011?.Validate() ?? []),
        new("mhz19b", SensorLink.Serial, [], MhZ19bSensor.BaudRate, nameof(SensorOptions.MhZ19b),
            p => new MhZ19bSensor(p.OpenSerial(), p.Name, p.Time, p.Options.MhZ19b, p.Logger),
            o => o.MhZ19b?.Validate() ?? []),
        new("sen5x", SensorLink.I2c, Sen5xSensor.Addresses, 0, nameof(SensorOptions.Sen5x),
            p => new Sen5xSensor(p.OpenI2c(), p.Name, p.Time, p.Options.Sen5x, p.Logger),
            o => o.Sen5x?.Validate() ?? []),
        new("sen66", SensorLink.I2c, Sen66Sensor.Addresses, 0, nameof(SensorOptions.Sen66),
            p => new Sen66Sensor(p.OpenI2c(), p.Name, p.Time, p.Options.Sen66, p.Logger),
            o => o.Sen66?.Validate() ?? []),
        new("sps30", SensorLink.I2c, Sps30Sensor.Addresses, 0, nameof(SensorOptions.Sps30),
            p => new Sps30Sensor(p.OpenI2c(), p.Name, p.Time, p.Options.Sps30, p.Logger),
            o => o.Sps30?.Validate() ?? []),
        new("sps30-uart", SensorLink.Serial, [], Sps30Commands.BaudRate, nameof(SensorOptions.Sps30),
            p => new Sps30Sensor(p.OpenSerial(), p.Name, p.Time, p.Options.Sps30, p.Logger),
            o => o.Sps30?.Validate() ?? []),
        new("sgp41", SensorLink.I2c, Sgp41Sensor.Addresses, 0, nameof(SensorOptions.Sgp41),
            p => new Sgp41Sensor(p.OpenI2c(), p.Name, p.Time, p.Options.Sgp41, p.Logger),
            o => o.Sgp41?.Validate() ?? []),
    ];

    public static SensorKind? Find(string? type) =>
        Kinds.FirstOrDefault(k => string.Equals(k.Type, type?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <exception cref="SensorConfigurationException">An option is missing or wrong.</exception>
    /// <exception cref="SensorAbsentException">The bus or port cannot be opened.</exception>
    public ISensor Create(SensorOptions options, ISensorBus bus)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(bus);
        var kind = Find(options.Type);
        if (kind is null)
        {
            throw new SensorConfigurationException(options.Name ?? (string.IsNullOrWhiteSpace(options.Type) ? "(unnamed)" : options.Type),
                [("Type", $"'{options.Type}' is not a supported sensor type; use one of {string.Join(", ", Kinds.Select(k => k.Type))}")]);
        }
        var name = NameOf(options, kind);
        var problems = Validate(options, kind).ToList();
        if (problems.Count > 0) throw new SensorConfigurationException(name, problems);
        var gates = _adcGates.GetValue(bus, _ => new ConcurrentDictionary<(int, int), SemaphoreSlim>());
        return kind.Build(new SensorParts(options, name, AddressOf(options, kind), time, _loggers.CreateLogger($"CityBrain.Edge.Sensors.{kind.Type}"),
            address => bus.OpenI2c(options.Bus, address),
            () => bus.OpenSerial(options.Port!, kind.BaudRate),
            address => gates.GetOrAdd((options.Bus, address), _ => new SemaphoreSlim(1, 1))));
    }

    /// <summary>The configured address, or the chip's usual one; 0 for a serial sensor, which has none.</summary>
    public static int AddressOf(SensorOptions options, SensorKind kind) =>
        options.Address != 0 ? options.Address : kind.Addresses.FirstOrDefault();

    /// <summary>The configured name, or <c>type@bus:0xaddress</c> (I2C) or <c>type@port</c> (serial).</summary>
    public static string NameOf(SensorOptions options, SensorKind kind) =>
        !string.IsNullOrWhiteSpace(options.Name) ? options.Name.Trim()
        : kind.Link == SensorLink.I2c ? string.Create(CultureInfo.InvariantCulture, $"{kind.Type}@{options.Bus}:0x{AddressOf(options, kind):x2}")
        : $"{kind.Type}@{Path.GetFileName(options.Port ?? "")}";

    private static IEnumerable<(string Option, string Problem)> Validate(SensorOptions o, SensorKind kind)
    {
        if (o.Name is not null && string.IsNullOrWhiteSpace(o.Name)) yield return (nameof(o.Name), "is blank; leave it out for the default name");
        if (kind.Link == SensorLink.I2c)
        {
            if (o.Bus < 0) yield return (nameof(o.Bus), $"must be an I2C bus number, 0 or more (got {o.Bus})");
            if (o.Address != 0 && !kind.Addresses.Contains(o.Address))
            {
                yield return (nameof(o.Address), $"{o.Address} (0x{o.Address:X2}) is not an address a {kind.Type} can have; use {string.Join(" or ", kind.Addresses.Select(a => $"{a} (0x{a:X2})"))} (JSON takes decimal numbers)");
            }
            if (o.Port is not null) yield return (nameof(o.Port), $"does not apply to the I2C sensor {kind.Type}; set Bus and Address");
        }
        else
        {
            if (string.IsNullOrWhiteSpace(o.Port)) yield return (nameof(o.Port), $"is missing: a {kind.Type} is a serial sensor, e.g. \"/dev/ttyAMA0\" or \"/dev/ttyUSB0\"");
            if (o.Address != 0) yield return (nameof(o.Address), $"does not apply to the serial sensor {kind.Type}; set Port");
        }
        foreach (var (section, settings) in o.Sections())
        {
            if (settings is not null && section != kind.Section)
            {
                yield return (section, $"does not apply to type {kind.Type}" + (kind.Section is null ? ", which has no settings" : $"; its settings go in {kind.Section}"));
            }
        }
        foreach (var (option, problem) in kind.ValidateSettings(o)) yield return ($"{kind.Section}.{option}", problem);
    }
}
