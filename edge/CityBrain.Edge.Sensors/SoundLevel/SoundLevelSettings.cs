namespace CityBrain.Edge.Sensors.SoundLevel;

/// <summary>Configuration of an analog sound-level meter on an ADS1115 (section <c>Noise</c>).</summary>
public sealed class SoundLevelSettings
{
    /// <summary>The ADS1115 input the meter's output is wired to, 0..3 (single-ended).</summary>
    public int Channel { get; set; }

    /// <summary>Conversions per read; the read reports their energy mean (LAeq over the burst).</summary>
    public int Samples { get; set; } = 1;

    /// <summary>Pause between the conversions of one read.</summary>
    public int SpacingMilliseconds { get; set; }

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (Channel is < 0 or > 3) yield return (nameof(Channel), $"must be an ADS1115 input 0..3 (got {Channel})");
        if (Samples is < 1 or > 100) yield return (nameof(Samples), $"must be 1..100 (got {Samples})");
        if (SpacingMilliseconds is < 0 or > 1000) yield return (nameof(SpacingMilliseconds), $"must be 0..1000 ms (got {SpacingMilliseconds})");
    }
}
