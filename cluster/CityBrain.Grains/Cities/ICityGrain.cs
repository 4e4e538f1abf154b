using CityBrain.Grains.Districts;

namespace CityBrain.Grains.Cities;

[Alias("citybrain.ICityGrain")]
public interface ICityGrain : IGrainWithStringKey
{
    [Alias("ReportDistrict")]
    Task ReportDistrict(DistrictSnapshot snapshot);

    [Alias("GetSnapshot")]
    Task<CitySnapshot> GetSnapshot();
}
