using CityBrain.Grains.Hours;

namespace CityBrain.Grains.Districts;

/// <summary>One district of the city, keyed by district id.</summary>
[Alias("citybrain.IDistrictGrain")]
public interface IDistrictGrain : IGrainWithStringKey
{
    [Alias("ReportDevice")]
    Task ReportDevice(DeviceSummary summary);

    /// <summary>A device's stored share of one hour changed: the district sums that hour again.</summary>
    [Alias("ShareChanged")]
    Task ShareChanged(ShareChanged change);

    [Alias("RemoveDevice")]
    Task RemoveDevice(string deviceId);

    [Alias("GetDetail")]
    Task<DistrictDetail> GetDetail();

    /// <summary>Activates the district so that it reports to the city after a restart, before any device speaks.</summary>
    [Alias("Wake")]
    Task Wake();
}
