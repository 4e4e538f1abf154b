using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Sensors.SoundLevel;
using CityBrain.Simulators.Chips.Physical;

namespace CityBrain.Simulators.Chips.Analog;

/// <summary>The output voltage of an analog sound-level meter (SEN0232 type) hearing the ambient noise: 50 dB(A) per
/// volt, pinned to its 0.6–2.6 V span as the real meter's output is.</summary>
public static class SoundMeterSignal
{
    public static Func<DateTimeOffset, double> From(IAmbient ambient) => at =>
        Math.Clamp(ambient.Value(Quantity.Noise, at) / SoundLevelSensor.DecibelsPerVolt, SoundLevelSensor.MinVolts, SoundLevelSensor.MaxVolts);
}
