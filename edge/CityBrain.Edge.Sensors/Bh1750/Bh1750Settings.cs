namespace CityBrain.Edge.Sensors.Bh1750;

/// <summary>Configuration of a BH1750 (section <c>Bh1750</c>).</summary>
public sealed class Bh1750Settings
{
    public Bh1750Resolution Resolution { get; set; } = Bh1750Resolution.High;

    /// <summary>Continuous measurement; the default measures once per read and lets the chip power down between.</summary>
    public bool Continuous { get; set; }

    /// <summary>MTreg, 31..254 (default 69): higher for dim places (finer, slower, lower maximum), lower for sunlight
    /// behind a cover.</summary>
    public int MeasurementTime { get; set; } = Bh1750Commands.DefaultMeasurementTime;

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (MeasurementTime is < Bh1750Commands.MinMeasurementTime or > Bh1750Commands.MaxMeasurementTime)
        {
            yield return (nameof(MeasurementTime), $"must be {Bh1750Commands.MinMeasurementTime}..{Bh1750Commands.MaxMeasurementTime} (got {MeasurementTime})");
        }
    }
}
