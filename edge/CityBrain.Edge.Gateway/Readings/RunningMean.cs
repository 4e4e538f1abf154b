using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Readings;

/// <summary>The mean, minimum and maximum of values of one quantity. Sound levels are averaged as energies
/// (LAeq = 10·log10(mean(10^(L/10)))); everything else arithmetically. A value may stand for several samples (a
/// window's mean with its count), so a sampler's window and the merge of two windows use the same arithmetic.</summary>
public struct RunningMean(Quantity quantity)
{
    private readonly bool _energetic = quantity == Quantity.Noise;
    private double _sum;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;

    public int Count { get; private set; }

    public readonly double Mean => Count == 0 ? double.NaN : _energetic ? 10 * Math.Log10(_sum / Count) : _sum / Count;

    public readonly double Min => _min;

    public readonly double Max => _max;

    public void Add(double value, int weight = 1, double? min = null, double? max = null)
    {
        _sum += weight * (_energetic ? Math.Pow(10, value / 10) : value);
        Count += weight;
        _min = Math.Min(_min, min ?? value);
        _max = Math.Max(_max, max ?? value);
    }
}
