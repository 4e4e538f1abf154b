using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Sen5x;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;
using static CityBrain.Edge.Sensors.Sen5x.SenCommands;

namespace CityBrain.Edge.Sensors.Sen66;

/// <summary>Sensirion SEN66 environmental module on I2C: PM1, PM2.5, PM4, PM10, number concentrations NC0.5…NC10,
/// humidity, temperature, VOC and NOx index, and photoacoustic CO₂. The flow is <see cref="SenModuleSensor{TSettings}"/>'s; this
/// adds the number concentrations, the CO₂ sensor's pressure compensation (live, through <see cref="ICompensated"/>,
/// as the SCD4x takes it), altitude, self-calibration and the temperature offset.</summary>
public sealed class Sen66Sensor : SenModuleSensor<Sen66Settings>, ICompensated
{
    public const int DefaultAddress = 0x6B;

    public static readonly IReadOnlyList<int> Addresses = [DefaultAddress];

    private readonly PressureCompensation _pressure;

    public Sen66Sensor(I2cDevice device, string name, TimeProvider time, Sen66Settings? settings = null, ILogger? logger = null)
        : base(device, name, time, settings, Sen66Commands.Family, _ => "SEN66", logger)
    {
        _pressure = new PressureCompensation("SEN66", Settings.AmbientPressureHPa);
    }

    public IReadOnlyList<Quantity> CompensatedBy { get; } = [Quantity.Pressure];

    /// <summary>Sends the pressure only when it moved by the chip's resolution (1 hPa) or more.</summary>
    public ValueTask CompensateAsync(Quantity quantity, double value, CancellationToken cancellationToken) =>
        quantity == Quantity.Pressure && _pressure.IsNews(value)
            ? SetAmbientPressureAsync(value, cancellationToken)
            : ValueTask.CompletedTask;

    /// <summary>Feeds the ambient pressure to the CO₂ compensation (allowed while measuring), and keeps it for every
    /// later set-up.</summary>
    public ValueTask SetAmbientPressureAsync(double hectopascal, CancellationToken cancellationToken)
    {
        var word = _pressure.Set(hectopascal);
        return ExclusiveAsync(async ct =>
        {
            await Chip.SendAsync(Sen66Commands.AmbientPressure, CommandTime, ct, word).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>Runs the fan at full speed for 10 s to blow dust off. The SEN66 cleans only when idle, so this stops
    /// the measurement, waits out the cleaning, and leaves the next read to start measuring again.</summary>
    public ValueTask StartFanCleaningAsync(CancellationToken cancellationToken) => ExclusiveAsync(async ct =>
    {
        Reinitialise();
        await Chip.SendAsync(StopMeasurement, Sen66Commands.StopTime, ct).ConfigureAwait(false);
        await Chip.SendAsync(StartFanCleaning, CommandTime, ct).ConfigureAwait(false);
        await Polling.DelayAsync(Time, CleaningTime, ct).ConfigureAwait(false);
    }, cancellationToken);

    protected override async ValueTask ConfigureAsync(CancellationToken cancellationToken)
    {
        if (Settings.TemperatureOffset is { } offset)
        {
            // Offset, slope 0, time constant 0 s (at once), in the driver's slot.
            await Chip.SendAsync(TemperatureOffsetParameters, CommandTime, cancellationToken, FromTemperatureOffset(offset), 0, 0, Sen66Commands.OffsetSlot).ConfigureAwait(false);
        }
        if (Settings.AltitudeMetres is { } altitude)
        {
            await Chip.SendAsync(Sen66Commands.SensorAltitude, CommandTime, cancellationToken, (ushort)altitude).ConfigureAwait(false);
        }
        if (Settings.AutomaticSelfCalibration is { } asc)
        {
            await Chip.SendAsync(Sen66Commands.AutomaticSelfCalibration, CommandTime, cancellationToken, asc ? (ushort)1 : (ushort)0).ConfigureAwait(false);
        }
        if (_pressure.Current is { } pressure)
        {
            await Chip.SendAsync(Sen66Commands.AmbientPressure, CommandTime, cancellationToken, PressureCompensation.Word(pressure)).ConfigureAwait(false);
        }
    }

    protected override async ValueTask<IEnumerable<(Quantity Quantity, double? Value)>> ReadMoreAsync(CancellationToken cancellationToken)
    {
        var words = await Chip.QueryAsync(Sen66Commands.ReadNumberConcentrations, Sen66Commands.NumberConcentrationWords, CommandTime, cancellationToken).ConfigureAwait(false);
        return NumberConcentrations.Select((quantity, i) => (quantity, Concentration(words[i])));
    }
}
