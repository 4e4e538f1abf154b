using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sampling;

/// <summary>How the sampler treats one sensor: how often it is read unless the cluster says otherwise, how long it
/// warms up, how it is calibrated and what its values may plausibly be.</summary>
/// <param name="MaxChecksumErrorRate">Share of reads in a window whose CRC or checksum failed above which the window's
/// good values are suspect too: a flaky bus corrupts bits a checksum does not always catch.</param>
public sealed record SensorProfile(
    TimeSpan? SampleInterval,
    TimeSpan WarmUp,
    LinearCalibration? Calibration,
    IReadOnlyDictionary<Quantity, QuantityLimits> Limits,
    double MaxChecksumErrorRate = 0.1)
{
    public static SensorProfile Default { get; } = new(null, TimeSpan.Zero, null, new Dictionary<Quantity, QuantityLimits>());
}
