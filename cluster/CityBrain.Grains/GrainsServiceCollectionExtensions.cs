using CityBrain.Grains.Regions;
using CityBrain.Regions;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace CityBrain.Grains;

public static class GrainsServiceCollectionExtensions
{
    /// <summary>The region tree the grains serve, and the serializer for the indicator and supervision records they keep
    /// and pass on. Those records belong to libraries that must not depend on Orleans, so they travel as JSON (their
    /// round trip is tested there). Silos and clients both need it.</summary>
    public static IServiceCollection AddCityBrainGrains(this IServiceCollection services, RegionTree regions) =>
        services.AddSingleton(new RegionCatalog(regions)).AddIndicatorSerialization();

    public static IServiceCollection AddIndicatorSerialization(this IServiceCollection services) =>
        services.AddSerializer(s => s.AddJsonSerializer(isSupported: type =>
            type.Namespace is { } name && (name.StartsWith("CityBrain.Indicators", StringComparison.Ordinal) || name.StartsWith("CityBrain.Supervision", StringComparison.Ordinal))));
}
