using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.Abstractions;
using CityBrain.Edge.Sensors.Ads1115;
using CityBrain.Edge.Sensors.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Sensors.SoundLevel;

/// <summary>An analog sound-level meter (DFRobot Gravity SEN0232 type: A-weighted, 0.6–2.6 V for 30–130 dB(A),
/// dB(A) = 50·V) read through an ADS1115 at ±4.096 V. A read is the LAeq of a burst of conversions.</summary>
public sealed class SoundLevelSensor : SensorDriver
{
    /// <summary>The meter's output span; outside it the meter is out of range or the wiring is broken.</summary>
    public const double MinVolts = 0.6, MaxVolts = 2.6;

    public const double DecibelsPerVolt = 50;

    private static readonly PhysicalRange LevelRange = new(MinVolts * DecibelsPerVolt, MaxVolts * DecibelsPerVolt);

    private readonly Ads1115Adc _adc;
    private readonly SoundLevelSettings _settings;

    public SoundLevelSensor(Ads1115Adc adc, string name, TimeProvider time, SoundLevelSettings? settings = null, ILogger? logger = null)
        : base(name, adc, time, logger)
    {
        _adc = adc;
        _settings = settings ?? new SoundLevelSettings();
    }

    public override string Model => "SEN0232";

    public override IReadOnlyList<Quantity> Quantities { get; } = [Quantity.Noise];

    protected override ValueTask<SensorIdentity> IdentifyChipAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SensorIdentity(Model, ChipId: $"ADS1115 config 0x{_adc.Identify():X4}"));

    /// <summary>Single-shot conversions carry their whole configuration: nothing to set up.</summary>
    protected override ValueTask InitialiseAsync(CancellationToken cancellationToken) => ValueTask.CompletedTask;

    protected override async ValueTask<IReadOnlyList<SensorSample>> MeasureAsync(CancellationToken cancellationToken)
    {
        var levels = new List<double>(_settings.Samples);
        for (var i = 0; i < _settings.Samples; i++)
        {
            if (i > 0) await Polling.DelayAsync(Time, TimeSpan.FromMilliseconds(_settings.SpacingMilliseconds), cancellationToken).ConfigureAwait(false);
            var volts = await _adc.ReadVoltsAsync(Ads1115Registers.SingleEnded(_settings.Channel), Ads1115Range.Fs4_096, Ads1115Rate.Sps128, cancellationToken).ConfigureAwait(false);
            if (volts is < MinVolts or > MaxVolts)
            {
                throw new SensorRangeException(Name, $"AIN{_settings.Channel} reads {volts:F3} V, outside the meter's {MinVolts}–{MaxVolts} V (30–130 dB(A)): out of range, or the meter is not wired or powered");
            }
            levels.Add(DecibelsPerVolt * volts);
        }
        return [Sample(Quantity.Noise, SoundLevels.EnergyMean(levels), LevelRange)];
    }
}
