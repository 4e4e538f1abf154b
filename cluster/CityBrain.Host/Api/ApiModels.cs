using System.Text.Json.Serialization;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Cities;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Regions;

namespace CityBrain.Host.Api;

/// <summary>The JSON the cockpit reads. Quantities are keyed by their wire names; values carry their unit so no
/// screen shows a bare number.</summary>
/// <param name="Latest">City-wide means of the latest values, every device counted once.</param>
/// <param name="ActiveAlerts">How many alerts are active in the whole city (the list: <c>/api/alerts?active=true</c>).</param>
public sealed record CityResponse(
    string Id,
    string Name,
    string NameZh,
    string TimeZone,
    IReadOnlyList<DistrictResponse> Districts,
    DateTimeOffset UpdatedAt,
    IReadOnlyDictionary<string, QuantityValue> Latest,
    AqiResponse? Aqi,
    AqiResponse? DailyAqi,
    NoiseResponse? Noise,
    ValidityResponse Validity,
    NetworkResponse Network,
    int ActiveAlerts);

public sealed record DistrictResponse(
    string Id,
    string Name,
    string NameZh,
    string NoiseZone,
    int DevicesRegistered,
    int DevicesOnline,
    IReadOnlyDictionary<string, QuantityValue> Latest,
    DateTimeOffset UpdatedAt,
    AqiResponse? Aqi,
    AqiResponse? DailyAqi,
    NoiseResponse? Noise,
    ValidityResponse Validity,
    NetworkResponse Network,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DeviceStatusResponse>? Devices = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] NetworkDevicesResponse? NetworkDevices = null);

public sealed record QuantityValue(double Value, string Unit, DateTimeOffset UpdatedAt, int? Devices = null);

public sealed record DeviceStatusResponse(string Id, bool Online, DateTimeOffset? LastSeen);

public sealed record DeviceResponse(
    string Id,
    string District,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? LastSeen,
    bool Online,
    long LastSequence,
    long Accepted,
    long Duplicates,
    IReadOnlyDictionary<string, DeviceValue> Latest,
    DeviceHealth? Health,
    long LateReadings);

/// <summary>A device's latest value; <see cref="Value"/> is null when the gateway marked it invalid.</summary>
public sealed record DeviceValue(double? Value, string Unit, string Quality, string Sensor, DateTimeOffset UpdatedAt, string? Reason);

public sealed record ErrorResponse(string Error);

internal static class ApiMapping
{
    public static DistrictResponse ToResponse(this DistrictSnapshot s, DistrictDefinition d, DistrictDetail? detail = null)
    {
        var indicators = s.Indicators.ToResponse();
        return new DistrictResponse(d.Id, d.Name, d.NameZh, d.NoiseZone, s.DevicesRegistered, s.DevicesOnline, s.Latest.ToResponse(), s.UpdatedAt,
            indicators.Aqi, indicators.DailyAqi, indicators.Noise, indicators.Validity, indicators.Network,
            detail?.Devices.Select(x => new DeviceStatusResponse(x.DeviceId, x.Online, x.LastSeen)).ToList(),
            detail?.Health.ToDevicesResponse());
    }

    public static CityResponse ToResponse(this CitySnapshot s, CityCatalog catalog)
    {
        var city = catalog.City;
        var indicators = s.Indicators.ToResponse();
        return new CityResponse(city.Id, city.Name, city.NameZh, city.TimeZone,
            [.. s.Districts.Select(d => d.ToResponse(catalog.TryGetDistrict(d.DistrictId, out var definition)
                ? definition
                : throw new InvalidOperationException($"district '{d.DistrictId}' vanished from the city catalog")))],
            s.UpdatedAt, s.Latest.ToResponse(), indicators.Aqi, indicators.DailyAqi, indicators.Noise, indicators.Validity, indicators.Network,
            s.Indicators.Alerts.Count(a => a.End is null));
    }

    private static Dictionary<string, QuantityValue> ToResponse(this IReadOnlyDictionary<Quantity, AggregateValue> latest) =>
        latest.ToDictionary(kv => kv.Key.WireName(), kv => new QuantityValue(kv.Value.Value, kv.Key.Unit(), kv.Value.UpdatedAt, kv.Value.Devices));

    public static DeviceResponse ToResponse(this DeviceSnapshot s) => new(
        s.DeviceId, s.DistrictId, s.RegisteredAt, s.LastSeen, s.Online, s.LastSequence, s.Accepted, s.Duplicates,
        s.Latest.ToDictionary(kv => kv.Key.WireName(), kv => new DeviceValue(kv.Value.Value, kv.Key.Unit(),
            kv.Value.Quality.ToString().ToLowerInvariant(), kv.Value.Sensor, kv.Value.UpdatedAt, kv.Value.Reason)),
        s.Health, s.LateReadings);
}
