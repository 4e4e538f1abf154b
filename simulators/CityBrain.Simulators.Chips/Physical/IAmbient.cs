using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Simulators.Chips.Physical;

/// <summary>The physical world an emulated chip measures, in the contract's units (°C, %, hPa, µg/m³, mg/m³ for CO, ppm
/// for CO₂, dB(A), lx).</summary>
public interface IAmbient
{
    double Value(Quantity quantity, DateTimeOffset at);
}
