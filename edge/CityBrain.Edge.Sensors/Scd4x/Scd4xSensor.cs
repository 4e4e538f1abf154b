using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Scd4x;

/// <summary>Sensirion SCD40/41/43 photoacoustic CO₂ sensor (with temperature and humidity) on I2C. Set-up stops any
/// running measurement (the chip takes settings only when idle), writes the configured settings, and starts periodic
/// measurement; each read polls the data-ready status, then reads the measurement, which the chip hands out once.</summary>
public sealed class Scd4xSensor : SensirionSensorDriver<Scd4xSettings>, ICompensated
{
    public const int DefaultAddress = 0x62;

    public static readonly IReadOnlyList<int> Addresses = [0x62];

    /// <summary>Output range of CO₂ and the operating range of temperature and humidity.</summary>
    private static readonly PhysicalRange Co2Range = new(0, 40_000), TemperatureRange = new(-10, 60), HumidityRange = new(0, 100);

    private readonly PressureCompensation _pressure;
    private string _model = "SCD4x";

    public Scd4xSensor(I2cDevice device, string name, TimeProvider time, Scd4xSettings? settings = null, ILogger? logger = null)
        : base(device, name, time, settings, logger)
    {
        _pressure = new PressureCompensation("SCD4x", Settings.AmbientPressureHPa);
    }

    public override string Model => _model;

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Co2, Quantity.Temperature, Quantity.Humidity];

    private TimeSpan Period => Scd4xCommands.Period(Settings.Mode);

    public IReadOnlyList<Quantity> CompensatedBy { get; } = [Quantity.Pressure];

    /// <summary>Sends the pressure only when it moved by the chip's resolution (1 hPa) or more: weather changes it
    /// slowly, and each command costs a bus transfer.</summary>
    public ValueTask CompensateAsync(Quantity quantity, double value, CancellationToken cancellationToken) =>
        quantity == Quantity.Pressure && _pressure.IsNews(value)
            ? SetAmbientPressureAsync(value, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Feeds the ambient pressure to the CO₂ compensation, e.g. from a BME280 beside it; allowed during
    /// measurement, and kept for every later set-up.</summary>
    public ValueTask SetAmbientPressureAsync(double hectopascal, CancellationToken cancellationToken)
    {
        var word = _pressure.Set(hectopascal);
        return new ValueTask(ExclusiveAsync(async ct =>
        {
            await Chip.SendAsync(Scd4xCommands.AmbientPressure, Scd4xCommands.CommandTime, ct, word).ConfigureAwait(false);
            return true;
        }, cancellationToken).AsTask());
    }

    /// <summary>Stops the measurement (serial number and variant are not available during one), reads them, and
    /// leaves the measurement to be started again by the next read.</summary>
    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        Reinitialise();
        var serial = await Chip.QueryAsync(Scd4xCommands.GetSerialNumber, 3, Scd4xCommands.CommandTime, cancellationToken).ConfigureAwait(false);
        _model = await ReadVariantAsync(cancellationToken).ConfigureAwait(false) ?? "SCD4x";
        return new SensorIdentity(_model, SerialNumber: SensirionWords.Hex(serial));
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        if (Settings.TemperatureOffset is { } offset)
        {
            await SetAsync(Scd4xCommands.SetTemperatureOffset, Scd4xCommands.FromTemperatureOffset(offset), cancellationToken).ConfigureAwait(false);
        }
        if (Settings.AltitudeMetres is { } altitude)
        {
            await SetAsync(Scd4xCommands.SetAltitude, (ushort)altitude, cancellationToken).ConfigureAwait(false);
        }
        if (Settings.AutomaticSelfCalibration is { } asc)
        {
            await SetAsync(Scd4xCommands.SetAutomaticSelfCalibration, asc ? (ushort)1 : (ushort)0, cancellationToken).ConfigureAwait(false);
        }
        Chip.Send(Scd4xCommands.Start(Settings.Mode));
        if (_pressure.Current is { } pressure)
        {
            await SetAsync(Scd4xCommands.AmbientPressure, PressureCompensation.Word(pressure), cancellationToken).ConfigureAwait(false);
        }
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        // The first result comes one period after the start; a later one within a period of the last read.
        var timeout = Period * 1.5;
        if (!await Polling.UntilAsync(Time, TimeSpan.Zero, Period / 50, timeout, async ct =>
            {
                var status = await Chip.QueryAsync(Scd4xCommands.GetDataReady, 1, Scd4xCommands.CommandTime, ct).ConfigureAwait(false);
                return Scd4xCommands.IsDataReady(status[0]);
            }, cancellationToken).ConfigureAwait(false))
        {
            throw new SensorTimeoutException(Name, $"no new measurement within {timeout.TotalSeconds:F1} s: the chip stopped measuring");
        }
        var words = await Chip.QueryAsync(Scd4xCommands.ReadMeasurement, 3, Scd4xCommands.CommandTime, cancellationToken).ConfigureAwait(false);
        return
        [
            Sample(Quantity.Co2, words[0], Co2Range),
            Sample(Quantity.Temperature, SensirionTicks.Temperature(words[1]), TemperatureRange),
            Sample(Quantity.Humidity, SensirionTicks.Humidity(words[2]), HumidityRange),
        ];
    }

    private ValueTask SetAsync(ushort command, ushort value, CancellationToken cancellationToken) =>
        Chip.SendAsync(command, Scd4xCommands.CommandTime, cancellationToken, value);

    /// <summary>stop_periodic_measurement; an idle chip takes it too. The chip is deaf for 500 ms after it.</summary>
    private ValueTask StopAsync(CancellationToken cancellationToken) => Chip.SendAsync(Scd4xCommands.StopPeriodic, Scd4xCommands.StopTime, cancellationToken);

    private async ValueTask<string?> ReadVariantAsync(CancellationToken cancellationToken)
    {
        try
        {
            var variant = await Chip.QueryAsync(Scd4xCommands.GetVariant, 1, Scd4xCommands.CommandTime, cancellationToken).ConfigureAwait(false);
            return Scd4xCommands.Variant(variant[0]);
        }
        catch (SensorException ex) when (ex is SensorAbsentException or SensorNackException)
        {
            // Firmware before the variant command refuses it; the serial number already proved the chip is there.
            return null;
        }
    }
}
