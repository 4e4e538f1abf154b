using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sampling;

/// <summary>The samples of one quantity from one sensor during one report window. Sound levels are averaged as
/// energies (LAeq); everything else arithmetically.</summary>
internal sealed class WindowAccumulator(Quantity quantity, string sensor)
{
    private double _sum, _min = double.PositiveInfinity, _max = double.NegativeInfinity;
    private int _count, _suspect;
    private string? _suspectReason;

    public void Add(double value, Quality quality, string? reason)
    {
        if (quality == Quality.Invalid) return;
        if (quality == Quality.Suspect)
        {
            _suspect++;
            _suspectReason = reason;
        }
        _sum += quantity == Quantity.Noise ? Math.Pow(10, value / 10) : value;
        _min = Math.Min(_min, value);
        _max = Math.Max(_max, value);
        _count++;
    }

    /// <summary>The window's reading; invalid with the last error when no usable sample arrived.</summary>
    public Reading ToReading(string? lastError)
    {
        if (_count == 0) return Reading.Of(quantity, null, Quality.Invalid, sensor, count: 0, reason: lastError ?? "no samples in the window");
        var mean = quantity == Quantity.Noise ? 10 * Math.Log10(_sum / _count) : _sum / _count;
        var quality = _suspect * 2 > _count ? Quality.Suspect : Quality.Ok;
        return Reading.Of(quantity, Math.Round(mean, 3), quality, sensor, _min, _max, _count, quality == Quality.Suspect ? _suspectReason : null);
    }
}
