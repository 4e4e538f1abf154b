using CityBrain.Grains.Cities;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Districts;
using CityBrain.Grains.Regions;
using CityBrain.Ingest.Broker;
using CityBrain.Ingest.Metrics;
using CityBrain.Storage.DeadLetters;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Api;

public static class CityApi
{
    public static void MapCityApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/city", GetCityAsync);
        api.MapGet("/city/map", GetMap);
        api.MapGet("/districts/{id}", GetDistrictAsync);
        api.MapGet("/devices/{id}", GetDeviceAsync);
        api.MapGet("/ops/ingest", (IngestMetrics metrics) => metrics.Snapshot());
        api.MapGet("/ops/rejections", GetRejectionsAsync);
        api.MapGet("/ops/session-conflicts", (SessionTakeovers takeovers) => takeovers.Conflicts());
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).AllowAnonymous();
    }

    internal static async Task<CityResponse> GetCityAsync(IGrainFactory grains, CityCatalog catalog)
    {
        var snapshot = await grains.GetGrain<ICityGrain>(CityGrainKey.Value).GetSnapshot();
        return snapshot.ToResponse(catalog);
    }

    private static async Task<Results<Ok<DistrictResponse>, NotFound<ErrorResponse>>> GetDistrictAsync(string id, IGrainFactory grains, CityCatalog catalog)
    {
        if (!catalog.TryGetDistrict(id, out var definition))
        {
            return TypedResults.NotFound(new ErrorResponse($"district '{id}' is not part of city '{catalog.City.Id}'"));
        }
        var detail = await grains.GetGrain<IDistrictGrain>(id).GetDetail();
        return TypedResults.Ok(detail.Snapshot.ToResponse(definition, detail));
    }

    private static async Task<Results<Ok<DeviceResponse>, NotFound<ErrorResponse>>> GetDeviceAsync(string id, IGrainFactory grains)
    {
        if (!Contracts.Topics.Identifier.IsValid(id)) return TypedResults.NotFound(new ErrorResponse($"'{id}' is not a valid device id"));
        var snapshot = await grains.GetGrain<IDeviceGrain>(id).GetSnapshot();
        return snapshot is null
            ? TypedResults.NotFound(new ErrorResponse($"device '{id}' has never reported"))
            : TypedResults.Ok(snapshot.ToResponse());
    }

    /// <summary>The districts as a GeoJSON feature collection, for the cockpit's map.</summary>
    private static object GetMap(CityCatalog catalog) => new
    {
        type = "FeatureCollection",
        features = catalog.City.Districts.Select(d => new
        {
            type = "Feature",
            properties = new { id = d.Id, name = d.Name, nameZh = d.NameZh, noiseZone = d.NoiseZone, position = d.Position },
            geometry = d.Polygon is { } polygon
                ? (object)new { type = "Polygon", coordinates = new[] { polygon } }
                : new { type = "Point", coordinates = d.Position },
        }),
    };

    private static async Task<IReadOnlyList<DeadLetter>> GetRejectionsAsync(IDeadLetterStore store, int? count) =>
        await store.LatestAsync(Math.Clamp(count ?? 50, 1, 500));
}
