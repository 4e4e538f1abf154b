using CityBrain.Grains.Districts;
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
        api.MapGet("/alerts", GetAlertsAsync);
        api.MapGet("/rankings", GetRankingAsync);
    }

    /// <summary>One place's history of one metric, every period of the range present (a gap is null, never zero).</summary>
    public static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> ReadHistoryAsync(HistoryScope scope, string id,
        string? metric, string? from, string? to, string? step, IHistoryStore history, RegionCatalog catalog, TimeProvider time)
    {
        if (!HistoryRequest.TryParse(metric, from, to, step, time.GetUtcNow(), out var request, out var error))
        {
            return TypedResults.BadRequest(new ErrorResponse(error));
        }
        var points = await history.ReadAsync(request.ToQuery(scope, id, catalog.Calendar));
        return TypedResults.Ok(new HistoryResponse(request.Metric, request.Unit, request.Step.ToString().ToLowerInvariant(), request.From, request.To,
            request.Fill(catalog.Calendar, points)));
    }

    /// <summary>The alerts of every district below <paramref name="region"/> (the root when absent): active first, newest
    /// first.</summary>
    private static async Task<Results<Ok<IReadOnlyList<AlertResponse>>, BadRequest<ErrorResponse>>> GetAlertsAsync(
        string? active, string? region, RegionReader reader, IGrainFactory grains, RegionCatalog catalog)
    {
        bool? onlyActive = null;
        if (!string.IsNullOrEmpty(active))
        {
            if (!bool.TryParse(active, out var flag)) return TypedResults.BadRequest(new ErrorResponse($"active '{active}' is not true or false"));
            onlyActive = flag;
        }
        region ??= catalog.Root.Id;
        if (!catalog.Tree.Contains(region)) return TypedResults.BadRequest(RegionApi.NotInTree(region, catalog));
        var alerts = catalog.IsDistrict(region)
            ? (await grains.GetGrain<IDistrictGrain>(region).GetDetail()).Snapshot.Indicators.Alerts
            : (await grains.GetGrain<IRegionGrain>(region).GetSnapshot()).Self.Indicators.Alerts;
        IReadOnlyList<AlertResponse> list = [.. alerts
            .Where(a => onlyActive is null || (a.End is null) == onlyActive)
            .OrderByDescending(a => a.End is null).ThenByDescending(a => a.Start)
            .Select(a => a.ToResponse())];
        return TypedResults.Ok(list);
    }

    /// <summary>The children of <paramref name="region"/> (the root when absent) ranked by a metric, with the change
    /// since the hour before and the day before.</summary>
    private static async Task<Results<Ok<RankingResponse>, BadRequest<ErrorResponse>>> GetRankingAsync(string? metric, string? region, IGrainFactory grains, RegionCatalog catalog)
    {
        metric ??= HistoryMetrics.Aqi;
        if (!RankingMetrics.Contains(metric))
        {
            return TypedResults.BadRequest(new ErrorResponse($"metric '{metric}' cannot be ranked; use one of {string.Join(", ", RankingMetrics)}"));
        }
        region ??= catalog.Root.Id;
        if (!catalog.Tree.Contains(region)) return TypedResults.BadRequest(RegionApi.NotInTree(region, catalog));
        if (catalog.IsDistrict(region))
        {
            return TypedResults.BadRequest(new ErrorResponse($"'{region}' is a district: its devices are not ranked; ask for the ranking of '{catalog.ParentIdOf(region)}'"));
        }
        var ranking = await grains.GetGrain<IRegionGrain>(region).GetRanking(metric);
        return TypedResults.Ok(new RankingResponse(region, metric, HistoryMetrics.Units.GetValueOrDefault(metric),
            [.. ranking.Districts.Select(d => ToResponse(d, catalog))]));
    }

    private static readonly IReadOnlyList<string> RankingMetrics =
        [HistoryMetrics.Aqi, .. Indicators.Air.Pollutants.All.Select(p => HistoryMetrics.Of(Indicators.Air.Pollutants.Quantity(p)))];

    private static RankedRegionResponse ToResponse(RankedDistrict d, RegionCatalog catalog)
    {
        catalog.Tree.TryFind(d.DistrictId, out var node);
        return new RankedRegionResponse(d.DistrictId, node.Name, node.NameZh, node.Level, d.Rank, d.Value, Change(d.SincePreviousHour), Change(d.SincePreviousDay));
    }

    private static RankChangeResponse? Change(RankChange? change) =>
        change is null ? null : new RankChangeResponse(change.PreviousValue, change.PreviousRank, change.Value, change.Rank);
}
