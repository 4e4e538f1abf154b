using System.Collections.Concurrent;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Edge.Sampling;

/// <summary>The latest clean, calibrated temperature, humidity and pressure a gateway's sensors measured, for the
/// sensors whose conversion depends on them (<see cref="Sensors.Abstractions.ICompensated"/>): one housing, one air.</summary>
public sealed class AmbientConditions
{
    private static readonly Quantity[] Shared = [Quantity.Temperature, Quantity.Pressure, Quantity.Humidity];

    private readonly ConcurrentDictionary<Quantity, double> _latest = new();

    public void Observe(Quantity quantity, double value)
    {
        if (Array.IndexOf(Shared, quantity) >= 0) _latest[quantity] = value;
    }

    public bool TryGet(Quantity quantity, out double value) => _latest.TryGetValue(quantity, out value);
}
