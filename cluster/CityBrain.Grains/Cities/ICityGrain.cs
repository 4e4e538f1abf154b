using CityBrain.Grains.Districts;
using CityBrain.Grains.Hours;
using CityBrain.Indicators.Rankings;

namespace CityBrain.Grains.Cities;

[Alias("citybrain.ICityGrain")]
public interface ICityGrain : IGrainWithStringKey
{
    [Alias("ReportDistrict")]
    Task ReportDistrict(DistrictSnapshot snapshot);

    /// <summary>A district's stored share of one hour changed: the city sums that hour again.</summary>
    [Alias("ShareChanged")]
    Task ShareChanged(ShareChanged change);

    [Alias("GetSnapshot")]
    Task<CitySnapshot> GetSnapshot();

    /// <summary>Districts ranked by <paramref name="metric"/> (lowest first) for the hour of their AQI, with the
    /// change since the hour before and the same hour a day before.</summary>
    [Alias("GetRanking")]
    Task<DistrictRanking> GetRanking(string metric);
}
