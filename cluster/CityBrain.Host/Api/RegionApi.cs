using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
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

    /// <summary>The region's children as a GeoJSON feature collection, for the cockpit's map.</summary>
    private static Results<Ok<RegionMapResponse>, NotFound<ErrorResponse>> GetMap(string id, RegionCatalog catalog)
    {
        if (!catalog.Tree.TryFind(id, out var node)) return TypedResults.NotFound(NotInTree(id, catalog));
        var places = node.IsLeaf ? [node] : node.Children;
        return TypedResults.Ok(new RegionMapResponse("FeatureCollection", [.. places.Select(p => new RegionMapFeature("Feature",
            new RegionMapProperties(p.Id, p.Name, p.NameZh, p.Level, p.Code, p.NoiseZone, p.Position, p.IsLeaf),
            new RegionMapGeometry("Point", p.Position)))]));
    }

    private static async Task<Results<Ok<HistoryResponse>, BadRequest<ErrorResponse>, NotFound<ErrorResponse>>> GetHistoryAsync(
        string id, string? metric, string? from, string? to, string? step, HttpRequest http, IHistoryStore history, RegionCatalog catalog, TimeProvider time)
    {
        if (HistoryRequest.Repeated(http.Query) is { } repeated) return TypedResults.BadRequest(new ErrorResponse(repeated));
        if (!catalog.Tree.TryFind(id, out var node)) return TypedResults.NotFound(NotInTree(id, catalog));
        return await IndicatorApi.ReadHistoryAsync(RegionCatalog.ScopeOf(node), id, metric, from, to, step, history, catalog, time);
    }

    public static ErrorResponse NotInTree(string id, RegionCatalog catalog) => new($"'{id}' is not a region of '{catalog.Root.Id}'");
}

public sealed record RegionMapResponse(string Type, IReadOnlyList<RegionMapFeature> Features);

public sealed record RegionMapFeature(string Type, RegionMapProperties Properties, RegionMapGeometry Geometry);

public sealed record RegionMapProperties(string Id, string Name, string NameZh, string Level, string? Code, string? NoiseZone, IReadOnlyList<double> Position, bool Leaf);

public sealed record RegionMapGeometry(string Type, IReadOnlyList<double> Coordinates);
