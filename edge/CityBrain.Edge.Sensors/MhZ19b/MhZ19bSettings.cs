namespace CityBrain.Edge.Sensors.MhZ19b;

/// <summary>Configuration of an MH-Z19B (section <c>MhZ19b</c>). Both settings are sent at every set-up, so a chip
/// that lost power (and with it, perhaps, its settings) is put back as configured.</summary>
public sealed class MhZ19bSettings
{
    /// <summary>Automatic baseline correction, on by default as on the chip. It takes the lowest reading of each day
    /// for 400 ppm, right outdoors; indoors or in a closed housing the air may never be that fresh, and ABC then pulls
    /// every reading low: turn it off there and calibrate the zero point by hand.</summary>
    public bool AutomaticBaselineCorrection { get; set; } = true;

    /// <summary>Full scale, ppm: 2000, 5000 or 10000. Readings at or above it are flagged suspect, since the chip
    /// cannot tell how far beyond its range the air is; a narrower range is finer.</summary>
    public int DetectionRange { get; set; } = 5000;

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (!MhZ19bCommands.DetectionRanges.Contains(DetectionRange))
        {
            yield return (nameof(DetectionRange), $"must be one of {string.Join(", ", MhZ19bCommands.DetectionRanges)} ppm (got {DetectionRange})");
        }
    }
}
