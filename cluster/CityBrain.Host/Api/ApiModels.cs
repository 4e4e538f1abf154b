using System.Text.Json.Serialization;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Regions;

namespace CityBrain.Host.Api;

/// <summary>A value with its unit, so no screen shows a bare number. Quantities are keyed by their wire names.</summary>
public sealed record QuantityValue(double Value, string Unit, DateTimeOffset UpdatedAt, int? Devices = null);

/// <param name="Latest">The device's latest usable values of the key quantities (PM2.5, PM10, O₃, NO₂, noise) by wire
/// name, in their wire units.</param>
/// <param name="Site">Where the device stands, as its gateway announced it; absent when unknown.</param>
public sealed record DeviceStatusResponse(string Id, bool Online, DateTimeOffset? LastSeen, IReadOnlyDictionary<string, double> Latest,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MonitoringSite? Site = null);

/// <param name="Path">From the root of the region tree down to the device's district.</param>
public sealed record DeviceResponse(
    string Id,
    string District,
    IReadOnlyList<RegionRefResponse> Path,
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
    /// <summary>Means over a place's devices to two decimals: finer than any sensor resolves, and the floating-point
    /// tail of a mean would otherwise change with every report and be resent to every open page.</summary>
    public static Dictionary<string, QuantityValue> ToResponse(this IReadOnlyDictionary<Quantity, AggregateValue> latest) =>
        latest.ToDictionary(kv => kv.Key.WireName(), kv => new QuantityValue(Math.Round(kv.Value.Value, 2), kv.Key.Unit(), kv.Value.UpdatedAt, kv.Value.Devices));

    public static DeviceResponse ToResponse(this DeviceSnapshot s, RegionCatalog catalog) => new(
        s.DeviceId, s.DistrictId, [.. catalog.Tree.PathTo(s.DistrictId).Select(RegionMapping.ToRef)], s.RegisteredAt, s.LastSeen, s.Online, s.LastSequence, s.Accepted, s.Duplicates,
        s.Latest.ToDictionary(kv => kv.Key.WireName(), kv => new DeviceValue(kv.Value.Value, kv.Key.Unit(),
            kv.Value.Quality.ToString().ToLowerInvariant(), kv.Value.Sensor, kv.Value.UpdatedAt, kv.Value.Reason)),
        s.Health, s.LateReadings);
}
