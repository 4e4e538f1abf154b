namespace CityBrain.Grains.Devices;

/// <summary>Where a device stands, as its gateway announced it and the cluster accepted it: a name and a WGS 84
/// position, either of which may be unknown.</summary>
[GenerateSerializer, Immutable, Alias("citybrain.MonitoringSite.v1")]
public sealed record MonitoringSite(
    [property: Id(0)] string? Name,
    [property: Id(1)] double? Latitude,
    [property: Id(2)] double? Longitude);
