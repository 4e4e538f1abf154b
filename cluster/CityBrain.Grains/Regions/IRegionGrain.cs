using CityBrain.Grains.Areas;
using CityBrain.Grains.Hours;
using CityBrain.Indicators.Rankings;

namespace CityBrain.Grains.Regions;

/// <summary>A region made of places (a city of districts, a province of cities, any level above the leaves), keyed by
/// region id. Its numbers are its children's, summed the way the standards take them.</summary>
[Alias("citybrain.IRegionGrain")]
public interface IRegionGrain : IGrainWithStringKey
{
    /// <summary>A child's latest state; a child not of this region is ignored.</summary>
    [Alias("ReportChild")]
    Task ReportChild(AreaSnapshot snapshot);

    /// <summary>A child's stored share of one hour changed: the region sums that hour again.</summary>
    [Alias("ShareChanged")]
    Task ShareChanged(ShareChanged change);

    [Alias("GetSnapshot")]
    Task<RegionSnapshot> GetSnapshot();

    /// <summary>The children ranked by <paramref name="metric"/> (lowest first) for the hour of their AQI, with the
    /// change since the hour before and the same hour a day before.</summary>
    [Alias("GetRanking")]
    Task<DistrictRanking> GetRanking(string metric);

    /// <summary>Activates the region so that it reports to its parent after a restart, before any child speaks.</summary>
    [Alias("Wake")]
    Task Wake();
}
