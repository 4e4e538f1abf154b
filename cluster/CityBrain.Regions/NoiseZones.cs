namespace CityBrain.Regions;

/// <summary>The functional zone classes of GB 3096-2008 (environmental quality standard for noise); a leaf's class
/// decides which day and night limits its readings are judged against.</summary>
public static class NoiseZones
{
    public static IReadOnlyList<string> All { get; } = ["0", "1", "2", "3", "4a", "4b"];

    public static bool IsValid(string? zone) => zone is not null && All.Contains(zone);
}
