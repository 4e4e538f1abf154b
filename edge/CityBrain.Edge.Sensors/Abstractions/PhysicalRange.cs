namespace CityBrain.Edge.Sensors.Abstractions;

/// <summary>What a chip can physically report for one quantity (its datasheet's measuring range). A value outside it
/// is not weather but a broken reading.</summary>
public readonly record struct PhysicalRange(double Min, double Max)
{
    public bool Contains(double value) => double.IsFinite(value) && value >= Min && value <= Max;
}
