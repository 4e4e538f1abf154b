using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.Regions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Api;

/// <summary>The region tree and every place in it: its indicators with its children's, its map, its history.</summary>
public static class RegionApi
{
    public static void MapRegionApi(this WebApplication app)
    {
        var regions = app.MapGroup("/api/regions");
        regions.MapGet("", (RegionCatalog catalog) => new RegionTreeResponse(catalog.Tree.TimeZone, RegionMapping.ToResponse(catalog.Root)));
        regions.MapGet("/{id}", GetRegionAsync);
        regions.MapGet("/{id}/map", GetMap);
        regions.MapGet("/{id}/history", GetHistoryAsync);
    }

    private static async Task<Results<Ok<RegionResponse>, NotFound<ErrorResponse>>> GetRegionAsync(string id, RegionReader reader, RegionCatalog catalog) =>
        await reader.ReadAsync(id) is { } region ? TypedResults.Ok(region) : TypedResults.NotFound(NotInTree(id, catalog));

    /// <summary>The region's children (a district: itself) as a GeoJSON feature collection simplified for the page,
    /// made once when the tree was loaded.</summary>
    private static IResult GetMap(string id, RegionCatalog catalog, RegionBoundaries boundaries) =>
        catalog.Tree.Contains(id)
            ? TypedResults.Bytes(boundaries.MapOf(id).ToArray(), "application/geo+json")
            : TypedResults.NotFound(NotInTree(id, catalog));

    private static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetHistoryAsync(
        string id, string? metric, string? from, string? to, string? step, HttpRequest http, IHistoryStore history, RegionCatalog catalog, TimeProvider time)
    {
        if (HistoryRequest.Repeated(http.Query) is { } repeated) return TypedResults.BadRequest(new ErrorResponse(repeated));
        if (!catalog.Tree.TryFind(id, out var node)) return TypedResults.NotFound(NotInTree(id, catalog));
        return await IndicatorApi.ReadHistoryAsync(RegionCatalog.ScopeOf(node), id, metric, from, to, step, history, catalog, time);
    }

    public static ErrorResponse NotInTree(string id, RegionCatalog catalog) => new($"'{id}' is not a region of '{catalog.Root.Id}'");
}
