using CityBrain.Regions;

namespace CityBrain.Host.Hosting;

/// <summary>The region tree every command of the host reads from <see cref="CityBrainOptions.RegionFile"/>.</summary>
internal static class RegionLoading
{
    public static LoadedRegions Load(CityBrainOptions options) => RegionFile.Load(options.RegionFile);
}
