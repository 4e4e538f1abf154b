using System.Text.Json.Serialization;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Regions;

namespace CityBrain.Host.Api;

/// <summary>The JSON the cockpit reads. Quantities are keyed by their wire names; values carry their unit so no
/// screen shows a bare number.</summary>
public sealed record CityResponse(string Id, string Name, string NameZh, string TimeZone, IReadOnlyList<DistrictResponse> Districts, DateTimeOffset UpdatedAt);

public sealed record DistrictResponse(
    string Id,
    string Name,
    string NameZh,
    string NoiseZone,
    int DevicesRegistered,
    int DevicesOnline,
    IReadOnlyDictionary<string, QuantityValue> Latest,
    DateTimeOffset UpdatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<DeviceStatusResponse>? Devices = null);

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
    DeviceHealth? Health);

/// <summary>A device's latest value; <see cref="Value"/> is null when the gateway marked it invalid.</summary>
public sealed record DeviceValue(double? Value, string Unit, string Quality, string Sensor, DateTimeOffset UpdatedAt, string? Reason);

public sealed record ErrorResponse(string Error);

internal static class ApiMapping
{
    public static DistrictResponse ToResponse(this DistrictSnapshot s, DistrictDefinition d, IReadOnlyList<DeviceStatus>? devices = null) => new(
        d.Id, d.Name, d.NameZh, d.NoiseZone, s.DevicesRegistered, s.DevicesOnline,
        s.Latest.ToDictionary(kv => kv.Key.WireName(), kv => new QuantityValue(kv.Value.Value, kv.Key.Unit(), kv.Value.UpdatedAt, kv.Value.Devices)),
        s.UpdatedAt,
        devices?.Select(x => new DeviceStatusResponse(x.DeviceId, x.Online, x.LastSeen)).ToList());

    public static DeviceResponse ToResponse(this DeviceSnapshot s) => new(
        s.DeviceId, s.DistrictId, s.RegisteredAt, s.LastSeen, s.Online, s.LastSequence, s.Accepted, s.Duplicates,
        s.Latest.ToDictionary(kv => kv.Key.WireName(), kv => new DeviceValue(kv.Value.Value, kv.Key.Unit(),
            kv.Value.Quality.ToString().ToLowerInvariant(), kv.Value.Sensor, kv.Value.UpdatedAt, kv.Value.Reason)),
        s.Health);
}
