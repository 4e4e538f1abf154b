using System.Globalization;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Bus;
using CityBrain.Edge.Sensors.Configuration;
using CityBrain.Edge.Sensors.Probe;
using SensorOptions = CityBrain.Edge.Configuration.SensorOptions;

namespace CityBrain.Edge.Cli;

/// <summary>The places a technician's probe scans (the configured sensors' buses and ports, those asked for, or every
/// one the machine has), what answers there, and how that matches the configuration.</summary>
internal sealed class ProbeScan(SensorFactory factory, DeviceFiles devices, SensorProbe probe)
{
    private readonly Dictionary<(bool Emulated, int Bus), ISensorBus> _buses = [];
    private readonly Dictionary<(bool Emulated, string Port), ISensorBus> _ports = [];
    private readonly List<(SensorOptions Options, SensorKind Kind)> _configured = [];
    private readonly List<(SensorOptions Options, SensorKind Kind)> _unscanned = [];

    /// <summary>Sentences for the technician: places that could not be scanned, configured sensors not found.</summary>
    public List<string> Problems { get; } = [];

    /// <summary>Chips the last scan found where no sensor is configured, and whether they are on an emulated bus.</summary>
    public List<(ProbeFinding Finding, bool Emulated)> Unconfigured { get; } = [];

    public void AddConfigured(IEnumerable<SensorOptions> sensors)
    {
        foreach (var sensor in sensors)
        {
            if (SensorCatalog.Find(sensor.Type) is not { } kind)
            {
                Problems.Add($"sensor '{ConfiguredSensors.Label(sensor)}': Type '{sensor.Type}' is not a supported sensor type; use one of {string.Join(", ", SensorFactory.SupportedTypes)}");
                continue;
            }
            // A sensor whose place cannot be scanned is reported once, with the reason, and not again as missing.
            if (Try(() => factory.BusFor(sensor)) is not { } bus)
            {
                _unscanned.Add((sensor, kind));
                continue;
            }
            _configured.Add((sensor, kind));
            if (kind.Link == SensorLink.I2c) _buses.TryAdd((sensor.Emulated, sensor.Bus), bus);
            else if (sensor.Port is { } port) _ports.TryAdd((sensor.Emulated, port), bus);
        }
    }

    public void AddBus(int bus)
    {
        if (Try(() => factory.HardwareI2c(bus)) is { } hardware) _buses.TryAdd((false, bus), hardware);
    }

    public void AddPort(string port)
    {
        if (Try(() => factory.HardwareSerial(port)) is { } hardware) _ports.TryAdd((false, port), hardware);
    }

    /// <summary>Every I2C bus and sensor serial port of this machine.</summary>
    public void AddEverything()
    {
        foreach (var bus in devices.I2cBuses()) AddBus(bus);
        foreach (var port in devices.SerialPorts()) AddPort(port);
        if (_buses.Count == 0 && _ports.Count == 0)
        {
            Problems.Add("this machine has no I2C bus and no serial port for sensors: enable I2C and the UART with 'sudo raspi-config' (Interface Options) and reboot, or plug the USB serial adapter in");
        }
    }

    /// <summary>Scans every place and returns one row per chip found or configured sensor missing:
    /// WHERE, MODEL, IDENTITY, TYPE, CONFIGURED.</summary>
    public async Task<List<string[]>> RunAsync(CancellationToken cancellationToken)
    {
        var found = new List<(ProbeFinding Finding, bool Emulated)>();
        foreach (var ((emulated, busId), bus) in _buses.OrderBy(b => b.Key.Bus))
        {
            if (await Try<IReadOnlyList<ProbeFinding>>(async () => await probe.ScanI2cAsync(bus, busId, cancellationToken)) is { } findings) found.AddRange(findings.Select(f => (f, emulated)));
        }
        foreach (var ((emulated, port), bus) in _ports.OrderBy(p => p.Key.Port, StringComparer.Ordinal))
        {
            if (await Try(() => probe.ScanSerialAsync(bus, port, cancellationToken)) is { } finding) found.Add((finding, emulated));
        }
        var rows = new List<string[]>();
        foreach (var (finding, emulated) in found)
        {
            var here = _configured.Where(c => At(c.Options, c.Kind, finding, emulated)).ToList();
            foreach (var (options, kind) in here.Where(c => !finding.Types.Contains(c.Kind.Type)))
            {
                Problems.Add($"{ConfiguredSensors.Label(options)} is configured as {kind.Type}, but a {finding.Model} answers at {finding.Where}: correct its Type to {string.Join(" or ", finding.Types)}");
            }
            if (here.Count == 0) Unconfigured.Add((finding, emulated));
            rows.Add([Where(finding.Where, emulated), finding.Model, Identity(finding.Identity), string.Join("/", finding.Types),
                here.Count == 0 ? "not configured" : string.Join(", ", here.Select(c => ConfiguredSensors.Label(c.Options)))]);
        }
        foreach (var (options, kind) in _configured.Where(c => !found.Any(f => At(c.Options, c.Kind, f.Finding, f.Emulated))))
        {
            Problems.Add($"{ConfiguredSensors.Label(options)}: no {kind.Type} answers at {Place(options, kind)}: check its wiring, power and Address");
            rows.Add([Where(Place(options, kind), options.Emulated), "-", "no answer", kind.Type, ConfiguredSensors.Label(options)]);
        }
        rows.AddRange(_unscanned.Select(c => new[] { Where(Place(c.Options, c.Kind), c.Options.Emulated), "-", "not scanned", c.Kind.Type, ConfiguredSensors.Label(c.Options) }));
        return rows;
    }

    private static string Place(SensorOptions options, SensorKind kind) => kind.Link == SensorLink.I2c
        ? string.Create(CultureInfo.InvariantCulture, $"I2C bus {options.Bus}, address 0x{SensorCatalog.AddressOf(options, kind):x2}")
        : options.Port ?? "(no port)";

    private static bool At(SensorOptions options, SensorKind kind, ProbeFinding finding, bool emulated) =>
        options.Emulated == emulated && (kind.Link == SensorLink.I2c
            ? finding.Bus == options.Bus && finding.Address == SensorCatalog.AddressOf(options, kind)
            : finding.Port == options.Port);

    private static string Where(string where, bool emulated) => emulated ? $"{where} (emulated)" : where;

    private static string Identity(SensorIdentity identity) =>
        identity.SerialNumber is { } serial ? $"serial {serial}" : identity.ChipId is { } chip ? $"chip id {chip}" : "answers";

    private T? Try<T>(Func<T> open) where T : class
    {
        try
        {
            return open();
        }
        catch (Exception ex) when (ex is HardwareAccessException or ConfigurationException or SensorAbsentException)
        {
            Problems.Add(ex.Message);
            return null;
        }
    }

    private async Task<T?> Try<T>(Func<Task<T?>> scan) where T : class
    {
        try
        {
            return await scan();
        }
        catch (SensorAbsentException ex)
        {
            Problems.Add(ex.Message);
            return null;
        }
    }
}
