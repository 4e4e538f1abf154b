namespace CityBrain.Host.Api;

/// <summary><c>GET /api/regions</c>: the whole tree, names and places only, for navigation and breadcrumbs.</summary>
public sealed record RegionTreeResponse(string TimeZone, RegionNodeResponse Root);

public sealed record RegionNodeResponse(
    string Id,
    string Name,
    string NameZh,
    string Level,
    string? Code,
    string? NoiseZone,
    IReadOnlyList<double> Position,
    IReadOnlyList<RegionNodeResponse> Children);

/// <summary>A place named in a path or a list.</summary>
public sealed record RegionRefResponse(string Id, string Name, string NameZh, string Level);

/// <summary><c>GET /api/regions/{id}</c> and each <c>region</c> event of <c>GET /api/stream?region={id}</c>: one
/// place's indicators with its children's, at any level of the tree.</summary>
/// <param name="Path">From the root down to this place, this place included.</param>
/// <param name="Leaf">Devices register here; <see cref="Devices"/> and <see cref="NetworkDevices"/> list them.</param>
/// <param name="Latest">Means of the latest values over every device below, each device counted once.</param>
/// <param name="ActiveAlerts">Active alerts below this place (the list: <c>/api/alerts?region={id}&amp;active=true</c>).</param>
/// <param name="Children">One level down, in the file's order; empty for a leaf.</param>
public sealed record RegionResponse(
    string Id,
    string Name,
    string NameZh,
    string Level,
    string? Code,
    string TimeZone,
    IReadOnlyList<RegionRefResponse> Path,
    bool Leaf,
    string? NoiseZone,
    int DevicesRegistered,
    int DevicesOnline,
    IReadOnlyDictionary<string, QuantityValue> Latest,
    DateTimeOffset UpdatedAt,
    AqiResponse? Aqi,
    AqiResponse? DailyAqi,
    NoiseResponse? Noise,
    ValidityResponse Validity,
    NetworkResponse Network,
    int ActiveAlerts,
    IReadOnlyList<ChildRegionResponse> Children,
    IReadOnlyList<DeviceStatusResponse>? Devices,
    NetworkDevicesResponse? NetworkDevices);

/// <summary>A child as its parent lists it: the same indicators, without its own children.</summary>
public sealed record ChildRegionResponse(
    string Id,
    string Name,
    string NameZh,
    string Level,
    bool Leaf,
    string? NoiseZone,
    int DevicesRegistered,
    int DevicesOnline,
    IReadOnlyDictionary<string, QuantityValue> Latest,
    DateTimeOffset UpdatedAt,
    AqiResponse? Aqi,
    AqiResponse? DailyAqi,
    NoiseResponse? Noise,
    ValidityResponse Validity,
    NetworkResponse Network,
    int ActiveAlerts);
