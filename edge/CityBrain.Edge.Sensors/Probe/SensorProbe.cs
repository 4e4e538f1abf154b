using System.Globalization;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Bus;
using CityBrain.Edge.Sensors.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Sensors.Probe;

/// <summary>Scans I2C buses and serial ports for the chips the catalog supports, as a technician's <c>probe</c> does:
/// at each address every chip that can live there is asked to identify itself, on each port every serial chip at its
/// own baud rate; the first that answers as itself is what is there.</summary>
/// <remarks>Identification is the driver's own, so a chip found here is a chip the gateway can read. Probing writes
/// the identification commands to whatever sits at those addresses, as <c>i2cdetect</c> does.</remarks>
public sealed class SensorProbe(TimeProvider time, ILoggerFactory? loggers = null)
{
    /// <summary>Beyond every driver's own deadlines: a chip that needs longer does not answer as itself.</summary>
    private static readonly TimeSpan AttemptLimit = TimeSpan.FromSeconds(10);

    private readonly SensorCatalog _catalog = new(time, loggers);
    private readonly ILogger _logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<SensorProbe>();

    /// <summary>Every supported chip answering on I2C bus <paramref name="busId"/>, by address.</summary>
    /// <exception cref="SensorAbsentException">The bus itself cannot be opened.</exception>
    public async Task<IReadOnlyList<ProbeFinding>> ScanI2cAsync(ISensorBus bus, int busId, CancellationToken cancellationToken)
    {
        var findings = new List<ProbeFinding>();
        var chips = Chips(SensorLink.I2c);
        foreach (var address in chips.SelectMany(c => c.First().Addresses).Distinct().Order())
        {
            foreach (var chip in chips.Where(c => c.First().Addresses.Contains(address)))
            {
                var where = string.Create(CultureInfo.InvariantCulture, $"I2C bus {busId}, address 0x{address:x2}");
                var options = new SensorOptions { Type = chip.First().Type, Bus = busId, Address = address };
                if (await IdentifyAsync(options, bus, where, cancellationToken).ConfigureAwait(false) is not { } identity) continue;
                findings.Add(Finding(where, busId, address, null, chip, identity));
                break;
            }
        }
        return findings;
    }

    /// <summary>The supported serial chip answering on <paramref name="port"/>, if any.</summary>
    /// <exception cref="SensorAbsentException">The port cannot be opened.</exception>
    public async Task<ProbeFinding?> ScanSerialAsync(ISensorBus bus, string port, CancellationToken cancellationToken)
    {
        foreach (var chip in Chips(SensorLink.Serial))
        {
            var options = new SensorOptions { Type = chip.First().Type, Port = port };
            if (await IdentifyAsync(options, bus, port, cancellationToken).ConfigureAwait(false) is { } identity)
            {
                return Finding(port, null, null, port, chip, identity);
            }
        }
        return null;
    }

    /// <summary>The catalog's kinds grouped by chip, in catalog order.</summary>
    private static List<IGrouping<string, SensorKind>> Chips(SensorLink link) =>
        [.. SensorCatalog.Kinds.Where(k => k.Link == link).GroupBy(k => k.Chip)];

    private static ProbeFinding Finding(string where, int? busId, int? address, string? port, IGrouping<string, SensorKind> chip, SensorIdentity identity)
    {
        var types = chip.Select(k => k.Type).ToList();
        return new ProbeFinding(where, busId, address, port, types, types.Count > 1 ? chip.Key.ToUpperInvariant() : identity.Model, identity);
    }

    /// <summary>The identity of the chip the options describe, or null when it is not there or not that chip. A bus or
    /// port that cannot be opened at all (which building the driver finds) is no "not there": it ends the scan with
    /// its own error.</summary>
    private async Task<SensorIdentity?> IdentifyAsync(SensorOptions options, ISensorBus bus, string where, CancellationToken cancellationToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(AttemptLimit);
        ISensor sensor;
        try
        {
            sensor = _catalog.Create(options, bus);
        }
        catch (SensorConfigurationException)
        {
            // A type that cannot run on default settings is probed through another type of the same chip.
            return null;
        }
        using (sensor)
        {
            try
            {
                return await sensor.IdentifyAsync(attempt.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SensorException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                _logger.LogDebug("No {Type} at {Where}: {Reason}", options.Type, where, ex.Message);
                return null;
            }
        }
    }
}
