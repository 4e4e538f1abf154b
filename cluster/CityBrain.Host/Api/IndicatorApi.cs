using CityBrain.Grains.Cities;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Rankings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Api;

/// <summary>History, alerts and rankings. Every query parameter is checked, and a wrong one answers 400 with the
/// reason rather than an empty result that looks like clean air.</summary>
public static class IndicatorApi
{
    public static void MapIndicatorApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapGet("/city/history", GetCityHistoryAsync);
        api.MapGet("/districts/{id}/history", GetDistrictHistoryAsync);
        api.MapGet("/devices/{id}/history", GetDeviceHistoryAsync);
        api.MapGet("/alerts", GetAlertsAsync);
        api.MapGet("/rankings", GetRankingAsync);
    }

    private static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetCityHistoryAsync(
        string? metric, string? from, string? to, string? step, HttpRequest http, IHistoryStore history, CityCatalog catalog, TimeProvider time)
    {
        if (HistoryRequest.Repeated(http.Query) is { } repeated) return TypedResults.BadRequest(new ErrorResponse(repeated));
        return await ReadHistoryAsync(HistoryScope.City, catalog.City.Id, metric, from, to, step, history, catalog, time);
    }

    private static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetDistrictHistoryAsync(
        string id, string? metric, string? from, string? to, string? step, HttpRequest http, IHistoryStore history, CityCatalog catalog, TimeProvider time)
    {
        if (HistoryRequest.Repeated(http.Query) is { } repeated) return TypedResults.BadRequest(new ErrorResponse(repeated));
        if (!catalog.Contains(id)) return TypedResults.NotFound(new ErrorResponse($"district '{id}' is not part of city '{catalog.City.Id}'"));
        return await ReadHistoryAsync(HistoryScope.District, id, metric, from, to, step, history, catalog, time);
    }

    private static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetDeviceHistoryAsync(
        string id, string? metric, string? from, string? to, string? step, HttpRequest http, IHistoryStore history, CityCatalog catalog, TimeProvider time,
        IGrainFactory grains)
    {
        if (HistoryRequest.Repeated(http.Query) is { } repeated) return TypedResults.BadRequest(new ErrorResponse(repeated));
        if (!Contracts.Topics.Identifier.IsValid(id)) return TypedResults.NotFound(new ErrorResponse($"'{id}' is not a valid device id"));
        if (step is not (null or "hour")) return TypedResults.BadRequest(new ErrorResponse("devices keep hourly history only; use step=hour, or a district's history"));
        if (await grains.GetGrain<IDeviceGrain>(id).GetSnapshot() is null) return TypedResults.NotFound(new ErrorResponse($"device '{id}' has never reported"));
        return await ReadHistoryAsync(HistoryScope.Device, id, metric, from, to, step, history, catalog, time);
    }

    private static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> ReadHistoryAsync(HistoryScope scope, string id,
        string? metric, string? from, string? to, string? step, IHistoryStore history, CityCatalog catalog, TimeProvider time)
    {
        if (!HistoryRequest.TryParse(metric, from, to, step, time.GetUtcNow(), out var request, out var error))
        {
            return TypedResults.BadRequest(new ErrorResponse(error));
        }
        var points = await history.ReadAsync(request.ToQuery(scope, id, catalog.Calendar));
        return TypedResults.Ok(new HistoryResponse(request.Metric, request.Unit, request.Step.ToString().ToLowerInvariant(), request.From, request.To,
            request.Fill(catalog.Calendar, points)));
    }

    private static async Task<Results<Ok<IReadOnlyList<AlertResponse>>, BadRequest<ErrorResponse>>> GetAlertsAsync(
        string? active, string? district, IGrainFactory grains, CityCatalog catalog)
    {
        bool? onlyActive = null;
        if (!string.IsNullOrEmpty(active))
        {
            if (!bool.TryParse(active, out var flag)) return TypedResults.BadRequest(new ErrorResponse($"active '{active}' is not true or false"));
            onlyActive = flag;
        }
        if (district is not null && !catalog.Contains(district))
        {
            return TypedResults.BadRequest(new ErrorResponse($"district '{district}' is not part of city '{catalog.City.Id}'"));
        }
        var city = await grains.GetGrain<ICityGrain>(CityGrainKey.Value).GetSnapshot();
        IReadOnlyList<AlertResponse> alerts = [.. city.Indicators.Alerts
            .Where(a => onlyActive is null || (a.End is null) == onlyActive)
            .Where(a => district is null || a.Key.DistrictId == district)
            .OrderByDescending(a => a.End is null).ThenByDescending(a => a.Start)
            .Select(a => a.ToResponse())];
        return TypedResults.Ok(alerts);
    }

    private static async Task<Results<Ok<RankingResponse>, BadRequest<ErrorResponse>>> GetRankingAsync(string? metric, IGrainFactory grains, CityCatalog catalog)
    {
        metric ??= HistoryMetrics.Aqi;
        if (!RankingMetrics.Contains(metric))
        {
            return TypedResults.BadRequest(new ErrorResponse($"metric '{metric}' cannot be ranked; use one of {string.Join(", ", RankingMetrics)}"));
        }
        var ranking = await grains.GetGrain<ICityGrain>(CityGrainKey.Value).GetRanking(metric);
        return TypedResults.Ok(new RankingResponse(metric, HistoryMetrics.Units.GetValueOrDefault(metric),
            [.. ranking.Districts.Select(d => ToResponse(d, catalog))]));
    }

    private static readonly IReadOnlyList<string> RankingMetrics =
        [HistoryMetrics.Aqi, .. Indicators.Air.Pollutants.All.Select(p => HistoryMetrics.Of(Indicators.Air.Pollutants.Quantity(p)))];

    private static RankedDistrictResponse ToResponse(RankedDistrict d, CityCatalog catalog)
    {
        catalog.TryGetDistrict(d.DistrictId, out var definition);
        return new RankedDistrictResponse(d.DistrictId, definition.Name, definition.NameZh, d.Rank, d.Value, Change(d.SincePreviousHour), Change(d.SincePreviousDay));
    }

    private static RankChangeResponse? Change(RankChange? change) =>
        change is null ? null : new RankChangeResponse(change.PreviousValue, change.PreviousRank, change.Value, change.Rank);
}
