using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;
using static CityBrain.Edge.Sensors.Pms5003.Pms5003Commands;

namespace CityBrain.Edge.Sensors.Pms5003;

/// <summary>Plantower PMS5003 laser particle counter on a UART (9600 8N1): PM1, PM2.5 and PM10 in µg/m³, the
/// atmospheric-environment values. Set-up wakes the chip (one left asleep would look absent) and sets the configured
/// mode; in passive mode each read asks for a frame, in active mode it takes the newest of those the chip sent.
/// Frames within 30 s of power-up, wake-up or the last all-zero frame are suspect: the fan is not yet at speed.</summary>
public sealed class Pms5003Sensor : UartSensorDriver<Pms5003Settings>
{
    /// <summary>The datasheet's maximum range; a value beyond is not smoke but a broken frame.</summary>
    private static readonly PhysicalRange MassRange = new(0, 1000);

    /// <summary>The datasheet's effective range (accuracy ±10 µg/m³ up to 100, ±10 % up to 500); beyond it the value
    /// is real but its accuracy unspecified.</summary>
    private const double EffectiveMax = 500;

    private readonly WarmUp _warmUp;
    private bool _asleep;

    public Pms5003Sensor(Stream port, string name, TimeProvider time, Pms5003Settings? settings = null, ILogger? logger = null)
        : base(port, name, time, settings, logger)
    {
        _warmUp = new WarmUp(time, WarmUpTime, "the fan is settling after power-up or wake-up");
    }

    public override string Model => "PMS5003";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Pm1, Quantity.Pm2_5, Quantity.Pm10];

    /// <summary>Stops the fan and the laser (the laser's life is limited) until the next read or
    /// <see cref="WakeAsync"/>; the chip confirms.</summary>
    public ValueTask SleepAsync(CancellationToken cancellationToken) => ExclusiveAsync(async ct =>
    {
        await QueryAsync(Sleep(), ct).ConfigureAwait(false);
        _asleep = true;
    }, cancellationToken);

    /// <summary>Starts the fan ahead of the next read, so that its 30 s warm-up has passed by then.</summary>
    public ValueTask WakeAsync(CancellationToken cancellationToken) => ExclusiveAsync(WakeChipAsync, cancellationToken);

    /// <summary>The chip has no identity to read: its answer to the mode command proves a PMS5003 (or a PMSx003
    /// sibling) is there.</summary>
    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        await SetModeAsync(cancellationToken).ConfigureAwait(false);
        return new SensorIdentity(Model);
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        await WakeChipAsync(cancellationToken).ConfigureAwait(false);
        await SetModeAsync(cancellationToken).ConfigureAwait(false);
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        if (_asleep) await WakeChipAsync(cancellationToken).ConfigureAwait(false);
        var frame = Settings.Mode == Pms5003Mode.Active
            ? await Uart.ReceiveLatestAsync(Pms5003FrameFormat.FromChip, IsData, ReportTimeout, cancellationToken).ConfigureAwait(false)
            : await QueryAsync(PassiveRead(), cancellationToken).ConfigureAwait(false);
        var measurement = Pms5003Measurement.Parse(frame);
        if (measurement.IsAllZero)
        {
            // The fan is (re)starting, e.g. after a power blip the driver never saw: the warm-up counts from now.
            _warmUp.Restart();
        }
        _warmUp.Answered();
        var (quality, reason) =
            measurement.IsAllZero ? (Quality.Suspect, "warming up: the chip sent an all-zero frame (fan starting)")
            : measurement.IsInconsistent ? (Quality.Suspect, $"inconsistent frame: no particle counted above 0.3 µm, yet PM10 {measurement.Pm10} µg/m³")
            : _warmUp.Assess();
        return
        [
            Mass(Quantity.Pm1, measurement.Pm1, quality, reason),
            Mass(Quantity.Pm2_5, measurement.Pm2_5, quality, reason),
            Mass(Quantity.Pm10, measurement.Pm10, quality, reason),
        ];
    }

    private SensorSample Mass(Quantity quantity, ushort value, Quality quality, string? reason) =>
        quality == Quality.Ok && value > EffectiveMax
            ? Sample(quantity, value, MassRange, Quality.Suspect, $"above the effective range 0..{EffectiveMax} µg/m³, accuracy unspecified")
            : Sample(quantity, value, MassRange, quality, reason);

    /// <summary>The wake command has no answer; a chip already awake ignores it.</summary>
    private async ValueTask WakeChipAsync(CancellationToken cancellationToken)
    {
        await Uart.SendAsync(Wake(), AnswerTimeout, cancellationToken).ConfigureAwait(false);
        _warmUp.Restart();
        _asleep = false;
    }

    private async ValueTask SetModeAsync(CancellationToken cancellationToken) =>
        await QueryAsync(SetMode(Settings.Mode), cancellationToken).ConfigureAwait(false);

    private ValueTask<byte[]> QueryAsync(byte[] command, CancellationToken cancellationToken) =>
        Uart.QueryAsync(command, Pms5003FrameFormat.FromChip, frame => IsAnswerTo(frame, command), AnswerTimeout, cancellationToken);
}
