using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.MhZ19b;

/// <summary>Winsen MH-Z19B NDIR CO₂ sensor on a UART (9600 8N1). It speaks only when asked: each read sends the read
/// command and waits for the <c>FF 86</c> answer, resynchronising past garbage. Set-up sends the configured automatic
/// baseline correction and detection range (neither is answered). Readings within 3 minutes of the chip's (possible)
/// power-up are suspect, its lamp still heating; so are readings at the ceiling of the detection range.</summary>
/// <remarks>The answer's byte 4 (temperature + 40, undocumented) is the chip's own, unreliable temperature and is not
/// reported.</remarks>
public sealed class MhZ19bSensor : UartSensorDriver<MhZ19bSettings>, IZeroSpanCalibration
{
    public const int BaudRate = 9600;

    /// <summary>Fresh outdoor air, the zero point's reference.</summary>
    public const int FreshAir = 400;

    /// <summary>Any reading beyond the widest detection range is not air but a broken answer.</summary>
    private static readonly PhysicalRange Co2Range = new(0, MhZ19bCommands.DetectionRanges[^1]);

    private readonly WarmUp _preHeat;

    public MhZ19bSensor(Stream port, string name, TimeProvider time, MhZ19bSettings? settings = null, ILogger? logger = null)
        : base(port, name, time, settings, logger)
    {
        _preHeat = new WarmUp(time, MhZ19bCommands.PreHeat, "pre-heat of the NDIR lamp");
    }

    public override string Model => "MH-Z19B";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Co2];

    int IZeroSpanCalibration.FreshAir => FreshAir;

    public (int Min, int Max) SpanRange => (MhZ19bCommands.MinSpan, Settings.DetectionRange);

    public TimeSpan UntilReady => _preHeat.Remaining;

    /// <summary>Makes the chip take the air around it now for 400 ppm. Run it only after the sensor has been at least
    /// 20 minutes in fresh outdoor air, never indoors. Refused during the pre-heat (the lamp's reading is not yet
    /// stable, and a zero point taken then would be wrong until the next calibration).</summary>
    /// <returns>The reading just before the calibration, i.e. how far off the chip was.</returns>
    /// <exception cref="InvalidOperationException">The sensor is still in its pre-heat as far as the driver knows.</exception>
    public ValueTask<int> CalibrateZeroPointAsync(CancellationToken cancellationToken) =>
        CalibrateAsync("zero-point", FreshAir, MhZ19bCommands.CalibrateZeroPoint(), cancellationToken);

    /// <summary>Makes the chip take the gas around it now for <paramref name="ppm"/> (command 0x88). Run it after a
    /// zero-point calibration, with the sensor at least 20 minutes in a bottled calibration gas of that
    /// concentration (2000 ppm recommended). Refused during the pre-heat, as the zero point is.</summary>
    /// <returns>The reading just before the calibration.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="ppm"/> is below 1000 or above the detection range.</exception>
    /// <exception cref="InvalidOperationException">The sensor is still in its pre-heat as far as the driver knows.</exception>
    public ValueTask<int> CalibrateSpanAsync(int ppm, CancellationToken cancellationToken)
    {
        var (min, max) = SpanRange;
        if (ppm < min || ppm > max)
        {
            throw new ArgumentOutOfRangeException(nameof(ppm), ppm, $"{Name}: a span gas must be {min}..{max} ppm (at least {min}, at most the {max} ppm detection range); 2000 ppm is usual");
        }
        return CalibrateAsync("span", ppm, MhZ19bCommands.CalibrateSpan(ppm), cancellationToken);
    }

    private ValueTask<int> CalibrateAsync(string kind, int target, byte[] command, CancellationToken cancellationToken) =>
        ExclusiveAsync(async ct =>
        {
            var before = await QueryCo2Async(ct).ConfigureAwait(false);
            var (quality, reason) = _preHeat.Assess();
            if (quality != Quality.Ok)
            {
                throw new InvalidOperationException($"{Name}: {kind} calibration refused during the {reason}; retry after {_preHeat.Duration.TotalMinutes:F0} minutes of power (and 20 in the calibration air)");
            }
            await Uart.SendAsync(command, MhZ19bCommands.AnswerTimeout, ct).ConfigureAwait(false);
            Logger.LogWarning("Sensor {Sensor} {Calibration} calibrated: {Before} ppm is now {Target} ppm", Name, kind, before, target);
            return before;
        }, cancellationToken);

    /// <summary>The chip has no identification: an answer to the read command with a good checksum is the proof.</summary>
    protected override async ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken)
    {
        await QueryCo2Async(cancellationToken).ConfigureAwait(false);
        return new SensorIdentity(Model);
    }

    protected override async ValueTask InitialiseAsync(CancellationToken cancellationToken)
    {
        // Set-up runs after any sign that the chip may have lost power: its lamp is then cold again.
        _preHeat.Restart();
        await Uart.SendAsync(MhZ19bCommands.SetAutomaticBaselineCorrection(Settings.AutomaticBaselineCorrection), MhZ19bCommands.AnswerTimeout, cancellationToken).ConfigureAwait(false);
        await Uart.SendAsync(MhZ19bCommands.SetDetectionRange(Settings.DetectionRange), MhZ19bCommands.AnswerTimeout, cancellationToken).ConfigureAwait(false);
        Logger.LogInformation("Sensor {Sensor} set up: automatic baseline correction {Abc}, detection range {Range} ppm",
            Name, Settings.AutomaticBaselineCorrection ? "on" : "off", Settings.DetectionRange);
    }

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        var co2 = await QueryCo2Async(cancellationToken).ConfigureAwait(false);
        var (quality, reason) = _preHeat.Assess();
        if (quality == Quality.Ok && co2 >= Settings.DetectionRange)
        {
            (quality, reason) = (Quality.Suspect, $"at or beyond the ceiling of the {Settings.DetectionRange} ppm detection range: the air may hold more");
        }
        return [Sample(Quantity.Co2, co2, Co2Range, quality, reason)];
    }

    private async ValueTask<int> QueryCo2Async(CancellationToken cancellationToken)
    {
        var answer = await Uart.QueryAsync(MhZ19bCommands.Read(), MhZ19bFrames.Format, frame => frame[1] == MhZ19bCommands.ReadCo2,
            MhZ19bCommands.AnswerTimeout, cancellationToken).ConfigureAwait(false);
        _preHeat.Answered();
        return MhZ19bCommands.Co2(answer);
    }
}
