namespace CityBrain.Edge.Sensors.Sen5x;

/// <summary>Configuration of a SEN5x (section <c>Sen5x</c>).</summary>
public sealed class Sen5xSettings
{
    /// <summary>The model wired: SEN50 (particles only), SEN54 (+ humidity, temperature, VOC) or SEN55 (+ NOx). It
    /// decides what the gateway expects; a chip that measures less is refused at set-up, naming its model.</summary>
    public string Model { get; set; } = "SEN55";

    /// <summary>Added to the module's temperature (°C), e.g. −1.5 when the housing warms it by 1.5 °C; null keeps the
    /// chip's (0). Goes to RAM at every set-up.</summary>
    public double? TemperatureOffset { get; set; }

    /// <summary>Seconds between the fan's automatic cleanings (10 s at full speed, no data meanwhile); 0 turns them
    /// off; null keeps the chip's (a week). Written only when it differs from the chip's.</summary>
    public uint? FanCleaningIntervalSeconds { get; set; }

    public IEnumerable<(string Option, string Problem)> Validate()
    {
        if (!Sen5xCommands.Family.Models.ContainsKey(Model ?? "")) yield return (nameof(Model), $"must be one of {Sen5xCommands.Family.ModelList} (got '{Model}')");
        if (TemperatureOffset is < -20 or > 20) yield return (nameof(TemperatureOffset), $"must be -20..20 °C (got {TemperatureOffset})");
        if (FanCleaningIntervalSeconds is > 0 and < 3600)
        {
            yield return (nameof(FanCleaningIntervalSeconds), $"must be 0 (off) or at least 3600 s: each cleaning costs 10 s of data (got {FanCleaningIntervalSeconds})");
        }
    }
}
