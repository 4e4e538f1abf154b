namespace CityBrain.Edge.Sensors.Sgp41;

/// <summary>Configuration of an SGP41 (section <c>Sgp41</c> of a sensor's options).</summary>
public sealed class Sgp41Settings
{
    /// <summary>How long the NOx pixel is conditioned at every set-up: 10 s as the datasheet recommends, never more
    /// (longer damages the pixel); shorter starts faster with a NOx signal that settles later.</summary>
    public int ConditioningSeconds { get; set; } = (int)Sgp41Commands.MaxConditioning.TotalSeconds;

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (ConditioningSeconds < 1 || ConditioningSeconds > Sgp41Commands.MaxConditioning.TotalSeconds)
        {
            yield return (nameof(ConditioningSeconds), $"must be 1..{Sgp41Commands.MaxConditioning.TotalSeconds} s: longer conditioning damages the NOx pixel (got {ConditioningSeconds})");
        }
    }
}
