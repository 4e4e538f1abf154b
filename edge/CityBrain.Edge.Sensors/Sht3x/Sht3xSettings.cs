namespace CityBrain.Edge.Sensors.Sht3x;

/// <summary>Configuration of an SHT3x (section <c>Sht3x</c>).</summary>
public sealed class Sht3xSettings
{
    public Sht3xMode Mode { get; set; } = Sht3xMode.SingleShot;

    public Sht3xRepeatability Repeatability { get; set; } = Sht3xRepeatability.High;

    /// <summary>Periodic mode only.</summary>
    public Sht3xRate Rate { get; set; } = Sht3xRate.Mps1;
}
