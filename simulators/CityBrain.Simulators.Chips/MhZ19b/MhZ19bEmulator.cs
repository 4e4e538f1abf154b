using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.MhZ19b;
using CityBrain.Simulators.Chips.Physical;
using CityBrain.Simulators.Chips.Uart;
using static CityBrain.Edge.Sensors.MhZ19b.MhZ19bCommands;

namespace CityBrain.Simulators.Chips.MhZ19b;

/// <summary>An MH-Z19B: answers the read command with the air's CO₂ (plus its zero-point error, clamped to its
/// detection range) and the undocumented temperature byte; takes automatic baseline correction, the detection range
/// (from bytes 6–7, as the chips do), zero-point and span calibration without answering; ignores anything else.</summary>
/// <remarks>Model, where the reference says only "pre-heat 3 min": while its lamp heats the chip answers a fixed
/// <see cref="PreHeatReading"/>, whatever the air. Automatic baseline correction is back on after every power-up (the
/// chip's default); the detection range and the zero point, kept in its memory, survive. Baseline correction itself
/// (a day's minimum taken for 400 ppm) is not modelled: only the setting is.</remarks>
public sealed class MhZ19bEmulator(IAmbient ambient, TimeProvider time, int seed = 19)
    : UartEmulator(ambient, time, MhZ19bFrames.Format, MhZ19bSensor.BaudRate, seed)
{
    /// <summary>What a chip answers during its pre-heat.</summary>
    public const int PreHeatReading = 500;

    /// <summary>9 bytes at 9600 8N1 (10 bits each) take 9.4 ms on the wire.</summary>
    private static readonly TimeSpan AnswerTime = TimeSpan.FromMilliseconds(10);

    private DateTimeOffset _heatedAt;

    public bool AutomaticBaselineCorrection { get; private set; } = true;

    /// <summary>The chip's full scale, ppm; it reports no more.</summary>
    public int DetectionRange { get; private set; } = 5000;

    /// <summary>What the chip adds to the air's true CO₂, ppm: an ageing lamp's drift, or a zero point taken in stale
    /// air. A zero-point calibration sets it so that the air of that moment reads 400 ppm.</summary>
    public double ZeroError { get; set; }

    /// <summary>The chip's sensitivity relative to the truth: it reads 400 + SpanGain·(air + <see cref="ZeroError"/> −
    /// 400) ppm. A span calibration sets it so that the gas of that moment reads the given concentration; it leaves
    /// the zero point where it was, as the span is a slope from it.</summary>
    public double SpanGain { get; set; } = 1;

    protected override TimeSpan? ReportInterval => null;

    protected override void PowerUp(DateTimeOffset poweredAt)
    {
        _heatedAt = poweredAt == DateTimeOffset.MinValue ? poweredAt : poweredAt + PreHeat;
        AutomaticBaselineCorrection = true;
    }

    protected override void OnCommand(byte[] frame, DateTimeOffset now)
    {
        // The format also passes answers (FF 86 …), as a host's echo would bring them; the chip takes only commands.
        if (frame[1] != SensorNumber) return;
        switch (frame[2])
        {
            case ReadCo2:
                Send(Report(now), now + AnswerTime);
                break;
            case MhZ19bCommands.AutomaticBaselineCorrection when frame[3] is AbcOn or AbcOff:
                AutomaticBaselineCorrection = frame[3] == AbcOn;
                break;
            case ZeroPoint:
                ZeroError = MhZ19bSensor.FreshAir - Measure(Quantity.Co2, now);
                break;
            case Span when (frame[3] << 8 | frame[4]) >= MinSpan && Zeroed(now) > 0:
                SpanGain = ((frame[3] << 8 | frame[4]) - MhZ19bSensor.FreshAir) / Zeroed(now);
                break;
            case MhZ19bCommands.DetectionRange when DetectionRanges.Contains(frame[6] << 8 | frame[7]):
                DetectionRange = frame[6] << 8 | frame[7];
                break;
        }
    }

    /// <summary>How far above fresh air the chip's zero point puts the air, before the span's slope.</summary>
    private double Zeroed(DateTimeOffset at) => Measure(Quantity.Co2, at) + ZeroError - MhZ19bSensor.FreshAir;

    /// <summary>The answer to a read at <paramref name="at"/>: <c>FF 86 HIGH LOW temperature+40 status 00 00 CHK</c>.</summary>
    protected override byte[] Report(DateTimeOffset at)
    {
        var co2 = at < _heatedAt ? PreHeatReading : (int)Math.Clamp(Math.Round(MhZ19bSensor.FreshAir + SpanGain * Zeroed(at)), 0, DetectionRange);
        var temperature = (byte)Math.Clamp(Math.Round(Measure(Quantity.Temperature, at)) + 40, 0, 255);
        return MhZ19bFrames.Build([ReadCo2, (byte)(co2 >> 8), (byte)co2, temperature, 0, 0, 0]);
    }
}
