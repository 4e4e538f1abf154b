using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sampling;

/// <summary>A field calibration of one sensor: reported = raw · Factor + Offset, applied to <see cref="Quantity"/>
/// (for a sensor measuring one quantity, that one).</summary>
public sealed record LinearCalibration(Quantity Quantity, double Offset, double Factor, DateOnly? Date)
{
    public double Apply(double raw) => raw * Factor + Offset;

    public Contracts.Payloads.Calibration ToContract() => new(Offset, Factor, Date, Quantity);
}
