namespace CityBrain.Edge.Sensors.Sht4x;

/// <summary>Configuration of an SHT4x (section <c>Sht4x</c> of a sensor's options).</summary>
public sealed class Sht4xSettings
{
    public Sht4xPrecision Precision { get; set; } = Sht4xPrecision.High;

    /// <summary>Heater pulse run when the humidity reaches <see cref="HeaterAboveHumidity"/>, to dry a chip that sits in
    /// condensing air; null never heats.</summary>
    public Sht4xHeater? Heater { get; set; }

    public double HeaterAboveHumidity { get; set; } = 95;

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (HeaterAboveHumidity is <= 0 or > 100)
        {
            yield return (nameof(HeaterAboveHumidity), $"must be a relative humidity above 0 and at most 100 % (got {HeaterAboveHumidity})");
        }
    }
}
