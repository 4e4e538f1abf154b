namespace CityBrain.Edge.Sensors.Sps30;

/// <summary>Configuration of an SPS30 on either link (section <c>Sps30</c>).</summary>
public sealed class Sps30Settings
{
    /// <summary>The longest interval the chip's 32-bit seconds register can hold, in whole hours.</summary>
    public const int MaxCleaningIntervalHours = (int)(uint.MaxValue / 3600);

    /// <summary>Hours between the chip's automatic fan cleanings (10 s at full speed); 0 switches them off, null keeps
    /// the chip's setting (168 h as shipped). The chip keeps it in non-volatile memory, so the driver writes it only
    /// when it differs from what the chip holds.</summary>
    public int? AutoCleaningIntervalHours { get; set; }

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (AutoCleaningIntervalHours is < 0 or > MaxCleaningIntervalHours)
        {
            yield return (nameof(AutoCleaningIntervalHours), $"must be 0 (off) to {MaxCleaningIntervalHours} hours (got {AutoCleaningIntervalHours}); the chip's default is 168, once a week");
        }
    }
}
