using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>A sensor whose conversion depends on the air around it (a gas cell's temperature, an NDIR CO₂ sensor's
/// pressure), which another sensor in the same housing measures; the gateway hands it the latest such value before
/// each read.</summary>
public interface ICompensated
{
    /// <summary>The quantities the sensor's conversion takes from others.</summary>
    IReadOnlyList<Quantity> CompensatedBy { get; }

    /// <summary>The latest value of <paramref name="quantity"/>, in the contract's unit. Values the chip cannot take are
    /// ignored: compensation improves a reading, it never stops one.</summary>
    ValueTask CompensateAsync(Quantity quantity, double value, CancellationToken cancellationToken);
}
