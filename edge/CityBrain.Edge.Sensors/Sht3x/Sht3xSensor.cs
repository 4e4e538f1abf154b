using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Sht3x;

/// <summary>Sensirion SHT30/31/35 temperature and humidity sensor on I2C: 16-bit commands, CRC-checked words. Single
/// shots without clock stretching (wait, then read while the chip NACKs), or periodic measurement with fetches of the
/// latest result (a NACKed fetch means no new result yet).</summary>
public sealed class Sht3xSensor : SensirionSensorDriver<Sht3xSettings>
{
    public const int DefaultAddress = 0x44;

    public static readonly IReadOnlyList<int> Addresses = [0x44, 0x45];

    private static readonly PhysicalRange TemperatureRange = new(-40, 125), HumidityRange = new(0, 100);


    public Sht3xSensor(I2cDevice device, string name, TimeProvider time, Sht3xSettings? settings = null, ILogger? logger = null)
        : base(device, name, time, settings, logger)
    {
    }

    public override string Model => "SHT3x";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Temperature, Quantity.Humidity];

    /// <summary>Stops a periodic measurement (the chip takes no other command during one), reads the serial number,
    /// and leaves the measurement to be started again by the next read.</summary>
    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        Reinitialise();
        var serial = await Chip.QueryAsync(Sht3xCommands.ReadSerial, 2, Sht3xCommands.CommandPause, cancellationToken).ConfigureAwait(false);
        var status = await Chip.QueryAsync(Sht3xCommands.ReadStatus, 1, Sht3xCommands.CommandPause, cancellationToken).ConfigureAwait(false);
        return new SensorIdentity(Model, ChipId: $"status 0x{status[0]:X4}",
            SerialNumber: SensirionWords.Hex(serial));
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        await Chip.SendAsync(Sht3xCommands.SoftReset, Sht3xCommands.SoftResetTime, cancellationToken).ConfigureAwait(false);
        if (Settings.Mode == Sht3xMode.Periodic)
        {
            Chip.Send(Sht3xCommands.Periodic(Settings.Rate, Settings.Repeatability));
        }
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        var words = Settings.Mode == Sht3xMode.Periodic
            ? await FetchAsync(cancellationToken).ConfigureAwait(false)
            : await Chip.QueryAsync(Sht3xCommands.SingleShot(Settings.Repeatability), 2, Sht3xCommands.MaxDuration(Settings.Repeatability), cancellationToken).ConfigureAwait(false);
        return
        [
            Sample(Quantity.Temperature, SensirionTicks.Temperature(words[0]), TemperatureRange),
            Sample(Quantity.Humidity, SensirionTicks.Humidity(words[1]), HumidityRange),
        ];
    }

    /// <summary>The latest periodic result; when the last one was already fetched, waits for the next.</summary>
    private async ValueTask<ushort[]> FetchAsync(CancellationToken cancellationToken)
    {
        var period = Sht3xCommands.Period(Settings.Rate);
        var timeout = period + Sht3xCommands.MaxDuration(Settings.Repeatability) * 2;
        ushort[]? words = null;
        if (!await Polling.UntilAsync(Time, TimeSpan.Zero, period / 10, timeout,
                () => (words = Chip.TryQuery(Sht3xCommands.Fetch, 2)) is not null, cancellationToken).ConfigureAwait(false))
        {
            throw new SensorTimeoutException(Name, $"no periodic result within {timeout.TotalMilliseconds:F0} ms: the chip stopped measuring");
        }
        return words!;
    }

    /// <summary>The break command ends a periodic measurement; in idle the chip ignores it.</summary>
    private ValueTask StopAsync(CancellationToken cancellationToken) => Chip.SendAsync(Sht3xCommands.Break, Sht3xCommands.CommandPause, cancellationToken);
}
