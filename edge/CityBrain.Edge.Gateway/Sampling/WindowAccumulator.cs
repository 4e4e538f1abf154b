using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Readings;

namespace CityBrain.Edge.Sampling;

/// <summary>The samples of one quantity from one sensor during one report window, and the reading they make.</summary>
/// <remarks>The value is the mean of the window's ok samples: suspect ones (jumps, stuck, outside the rated range)
/// stay out of it, unless they are the majority, when the window itself is suspect and its value the mean of every
/// usable sample. Invalid samples never enter a mean; a window without usable samples has no value at all.</remarks>
internal sealed class WindowAccumulator(Quantity quantity, string sensor)
{
    private RunningMean _ok = new(quantity);
    private RunningMean _usable = new(quantity);
    private string? _suspectReason, _invalidReason;

    public void Add(double value, Quality quality, string? reason)
    {
        switch (quality)
        {
            case Quality.Invalid:
                _invalidReason = reason;
                return;
            case Quality.Suspect:
                _suspectReason = reason;
                break;
            default:
                _ok.Add(value);
                break;
        }
        _usable.Add(value);
    }

    /// <param name="windowSuspicion">Why the sensor's whole window is suspect (e.g. its CRC error rate), if it is.</param>
    /// <param name="lastError">The sensor's last failure in the window, which explains a window without samples.</param>
    public Reading ToReading(string? windowSuspicion, string? lastError)
    {
        if (_usable.Count == 0)
        {
            return Reading.Of(quantity, null, Quality.Invalid, sensor, count: 0, reason: _invalidReason ?? lastError ?? "no samples in the window");
        }
        var suspectMajority = _usable.Count - _ok.Count > _ok.Count;
        var mean = suspectMajority ? _usable : _ok;
        var reason = suspectMajority ? _suspectReason : windowSuspicion;
        return Reading.Of(quantity, Math.Round(mean.Mean, 3), reason is null ? Quality.Ok : Quality.Suspect, sensor,
            mean.Min, mean.Max, mean.Count, reason);
    }
}
