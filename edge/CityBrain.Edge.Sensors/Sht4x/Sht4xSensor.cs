using System.Device.I2c;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Sensirion;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.Sht4x;

/// <summary>Sensirion SHT40/41/43/45 temperature and humidity sensor on I2C: 8-bit commands, CRC-checked words, no
/// clock stretching (the driver waits the measurement time, then reads, retrying briefly while the chip NACKs).
/// With a heater configured, a chip in condensing air is dried by a pulse, at most a tenth of the time.</summary>
public sealed class Sht4xSensor : SensirionSensorDriver<Sht4xSettings>
{
    public const int DefaultAddress = 0x44;

    public static readonly IReadOnlyList<int> Addresses = [0x44, 0x45, 0x46];

    /// <summary>The datasheet's operating range.</summary>
    private static readonly PhysicalRange TemperatureRange = new(-40, 125), HumidityRange = new(0, 100);

    /// <summary>The heater may run about a tenth of the time; for as long after a pulse the chip is still warmer than the air.</summary>
    private const int HeaterDutyCycleInverse = 10;

    private DateTimeOffset? _lastPulseEnd;

    public Sht4xSensor(I2cDevice device, string name, TimeProvider time, Sht4xSettings? settings = null, ILogger? logger = null)
        : base(device, name, time, settings, logger)
    {
    }

    public override string Model => "SHT4x";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Temperature, Quantity.Humidity];

    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        var words = await Chip.QueryAsync(Sht4xCommands.ReadSerial, 2, Sht4xCommands.SerialTime, cancellationToken).ConfigureAwait(false);
        return new SensorIdentity(Model, SerialNumber: SensirionWords.Hex(words));
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        Chip.Send(Sht4xCommands.SoftReset);
        await Polling.DelayAsync(Time, Sht4xCommands.ResetTime, cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        var precision = Settings.Precision;
        var words = await Chip.QueryAsync(Sht4xCommands.Measure(precision), 2, Sht4xCommands.MeasureTime(precision), cancellationToken).ConfigureAwait(false);
        var temperature = SensirionTicks.Temperature(words[0]);
        var humidity = Sht4xCommands.Humidity(words[1]);
        var (quality, reason) = HeaterAftermath();
        IReadOnlyList<SensorSample> samples =
        [
            Sample(Quantity.Temperature, temperature, TemperatureRange, quality, reason),
            Sample(Quantity.Humidity, humidity, HumidityRange, quality, reason),
        ];
        if (Settings.Heater is { } heater && humidity >= Settings.HeaterAboveHumidity && MayHeat(heater))
        {
            await PulseHeaterAsync(heater, cancellationToken).ConfigureAwait(false);
        }
        return samples;
    }

    private (Quality, string?) HeaterAftermath()
    {
        if (Settings.Heater is not { } heater || _lastPulseEnd is not { } end) return (Quality.Ok, null);
        var since = Time.GetUtcNow() - end;
        return since < Sht4xCommands.PulseLength(heater) * HeaterDutyCycleInverse
            ? (Quality.Suspect, $"heater pulse {since.TotalSeconds:F1} s ago: the chip is still warmer than the air")
            : (Quality.Ok, null);
    }

    private bool MayHeat(Sht4xHeater heater) =>
        _lastPulseEnd is not { } end || Time.GetUtcNow() - end >= Sht4xCommands.PulseLength(heater) * HeaterDutyCycleInverse;

    /// <summary>Runs one pulse. The chip's measurement at its end is of the heated chip, not of the air, so it is
    /// read (the chip must be emptied and the CRC proves the pulse ran) but not reported.</summary>
    private async ValueTask PulseHeaterAsync(Sht4xHeater heater, CancellationToken cancellationToken)
    {
        Logger.LogInformation("Sensor {Sensor} heats with {Heater}: humidity reached {Threshold} %", Name, heater, Settings.HeaterAboveHumidity);
        await Chip.QueryAsync(Sht4xCommands.Heat(heater), 2, Sht4xCommands.HeatTime(heater), cancellationToken).ConfigureAwait(false);
        _lastPulseEnd = Time.GetUtcNow();
    }
}
