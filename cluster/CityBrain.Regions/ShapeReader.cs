using System.Text.Json;
using NetTopologySuite.Geometries;
using NetTopologySuite.Operation.Valid;

namespace CityBrain.Regions;

/// <summary>Turns GeoJSON coordinates into valid polygons, or into one sentence saying which ring of which feature is
/// wrong and where: an outline that crosses itself would make every later area computation meaningless.</summary>
internal static class ShapeReader
{
    public static GeometryFactory Factory { get; } = new(new PrecisionModel(), 4326);

    /// <param name="what">The feature or region the geometry bounds, as the sentence names it ("feature 'gulou'").</param>
    public static Geometry Geometry(JsonElement geometry, string file, string what)
    {
        if (geometry.ValueKind != JsonValueKind.Object) throw new RegionFileException(file, $"{what} has no geometry");
        var type = geometry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        if (!geometry.TryGetProperty("coordinates", out var coordinates) || coordinates.ValueKind != JsonValueKind.Array)
        {
            throw new RegionFileException(file, $"{what} is a {type ?? "geometry"} without coordinates; only Polygon and MultiPolygon bound a region");
        }
        Geometry shape = type switch
        {
            "Polygon" => Polygon(coordinates, file, what),
            "MultiPolygon" => Factory.CreateMultiPolygon([.. coordinates.EnumerateArray().Select(p => Polygon(p, file, what))]),
            _ => throw new RegionFileException(file, $"{what} is a {type ?? "geometry without a type"}; only Polygon and MultiPolygon bound a region"),
        };
        return Valid(shape, file, what);
    }

    /// <summary>A legacy city file's district polygon: one outer ring.</summary>
    public static Geometry Ring(JsonElement ring, string file, string what) =>
        Valid(Factory.CreatePolygon(LinearRing(ring, file, what)), file, what);

    private static Polygon Polygon(JsonElement rings, string file, string what)
    {
        if (rings.ValueKind != JsonValueKind.Array || rings.GetArrayLength() == 0)
        {
            throw new RegionFileException(file, $"{what} has a polygon without rings");
        }
        var all = rings.EnumerateArray().Select(r => LinearRing(r, file, what)).ToArray();
        return Factory.CreatePolygon(all[0], all[1..]);
    }

    private static LinearRing LinearRing(JsonElement ring, string file, string what)
    {
        if (ring.ValueKind != JsonValueKind.Array) throw new RegionFileException(file, $"{what} has a ring that is not an array of [longitude, latitude] points");
        var points = new List<Coordinate>(ring.GetArrayLength());
        foreach (var p in ring.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Array || p.GetArrayLength() < 2 || !p[0].TryGetDouble(out var lon) || !p[1].TryGetDouble(out var lat)
                || lon is < -180 or > 180 || lat is < -90 or > 90)
            {
                throw new RegionFileException(file, $"{what} has a point that is not [longitude, latitude] within ±180, ±90");
            }
            points.Add(new Coordinate(lon, lat));
        }
        if (points.Count < 4)
        {
            throw new RegionFileException(file, $"{what} has a ring of {points.Count} points; a closed ring needs at least 4 (the first repeated at the end)");
        }
        if (!points[0].Equals2D(points[^1]))
        {
            throw new RegionFileException(file, $"{what} has a ring that is not closed: it starts at {JsonFiles.Format(points[0])} and ends at {JsonFiles.Format(points[^1])}");
        }
        return Factory.CreateLinearRing([.. points]);
    }

    private static Geometry Valid(Geometry shape, string file, string what)
    {
        var error = new IsValidOp(shape).ValidationError;
        if (error is null) return shape;
        var at = error.Coordinate is { } c ? $" at {JsonFiles.Format(c)}" : "";
        throw new RegionFileException(file, $"{what} is not a valid shape: {error.Message.ToLowerInvariant()}{at}");
    }
}
