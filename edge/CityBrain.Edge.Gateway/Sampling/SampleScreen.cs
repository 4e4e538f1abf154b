using System.Globalization;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sampling;

/// <summary>Judges each sample of one quantity from one sensor against its limits and the samples before it.</summary>
internal sealed class SampleScreen(Quantity quantity, QuantityLimits limits)
{
    private readonly QuantityInfo _info = quantity.Info();
    private double? _previous;
    private int _repeats;

    public (Quality Quality, string? Reason) Judge(double value, Quality driverQuality, string? driverReason, TimeSpan? warmUpLeft)
    {
        if (driverQuality == Quality.Invalid) return (Quality.Invalid, driverReason ?? "the driver marked the sample invalid");
        if (warmUpLeft is { } left) return (Quality.Invalid, $"warming up ({left.TotalSeconds:0} s of pre-heat left)");
        if (!double.IsFinite(value) || value < _info.Min || value > _info.Max)
        {
            return (Quality.Invalid, $"{Format(value)} {_info.Unit} is outside the possible range {Format(_info.Min)}..{Format(_info.Max)}");
        }
        var previous = _previous;
        _repeats = previous == value ? _repeats + 1 : 1;
        _previous = value;
        if (limits.StuckAfter > 0 && _repeats >= limits.StuckAfter)
        {
            return (Quality.Suspect, $"stuck at {Format(value)} {_info.Unit} for {_repeats} samples");
        }
        if (previous is { } p && limits.MaxJump is { } maxJump && Math.Abs(value - p) > maxJump)
        {
            return (Quality.Suspect, $"implausible jump from {Format(p)} to {Format(value)} {_info.Unit} in one sample (more than {Format(maxJump)})");
        }
        if (value < limits.RatedMin || value > limits.RatedMax)
        {
            return (Quality.Suspect, $"{Format(value)} {_info.Unit} is outside the sensor's rated range {Format(limits.RatedMin)}..{Format(limits.RatedMax)}");
        }
        return driverQuality == Quality.Suspect ? (Quality.Suspect, driverReason ?? "the driver marked the sample suspect") : (Quality.Ok, null);
    }

    private static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
