using CityBrain.Grains.Devices;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Api;

/// <summary>One device: its latest values, health and place in the tree, and its hourly history.</summary>
public static class DeviceApi
{
    public static void MapDeviceApi(this WebApplication app)
    {
        var devices = app.MapGroup("/api/devices");
        devices.MapGet("/{id}", GetDeviceAsync);
        devices.MapGet("/{id}/history", GetHistoryAsync);
    }

    private static async Task<Results<Ok<DeviceResponse>, NotFound<ErrorResponse>>> GetDeviceAsync(string id, IGrainFactory grains, RegionCatalog catalog)
    {
        if (!Contracts.Topics.Identifier.IsValid(id)) return TypedResults.NotFound(new ErrorResponse($"'{id}' is not a valid device id"));
        var snapshot = await grains.GetGrain<IDeviceGrain>(id).GetSnapshot();
        return snapshot is null
            ? TypedResults.NotFound(new ErrorResponse($"device '{id}' has never reported"))
            : TypedResults.Ok(snapshot.ToResponse(catalog));
    }

    private static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetHistoryAsync(
        string id, string? metric, string? from, string? to, string? step, HttpRequest http, IHistoryStore history, RegionCatalog catalog, TimeProvider time,
        IGrainFactory grains)
    {
        if (HistoryRequest.Repeated(http.Query) is { } repeated) return TypedResults.BadRequest(new ErrorResponse(repeated));
        if (!Contracts.Topics.Identifier.IsValid(id)) return TypedResults.NotFound(new ErrorResponse($"'{id}' is not a valid device id"));
        if (step is not (null or "hour")) return TypedResults.BadRequest(new ErrorResponse("devices keep hourly history only; use step=hour, or a district's history"));
        if (await grains.GetGrain<IDeviceGrain>(id).GetSnapshot() is null) return TypedResults.NotFound(new ErrorResponse($"device '{id}' has never reported"));
        return await IndicatorApi.ReadHistoryAsync(HistoryScope.Device, id, metric, from, to, step, history, catalog, time);
    }
}
