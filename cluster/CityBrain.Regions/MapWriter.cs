using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityBrain.Regions;

/// <summary>Writes the GeoJSON the page draws. Coordinates are rounded to 5 decimals (about a metre), which is far
/// below what the map can show and keeps the payload small; a vertex two neighbours share rounds the same for both.</summary>
internal static class MapWriter
{
    private const int Decimals = 5;

    /// <summary>A FeatureCollection with a top-level bbox.</summary>
    public static byte[] Collection(IReadOnlyList<(RegionNode Node, Geometry? Shape)> items) => Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", "FeatureCollection");
        Bbox(writer, items);
        writer.WriteStartArray("features");
        foreach (var (node, shape) in items) Feature(writer, node, shape);
        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    /// <summary>One Feature with its own bbox.</summary>
    public static byte[] Single(RegionNode node, Geometry? shape) => Write(writer => Feature(writer, node, shape, [(node, shape)]));

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer)) write(writer);
        return buffer.ToArray();
    }

    private static void Feature(Utf8JsonWriter writer, RegionNode node, Geometry? shape, IReadOnlyList<(RegionNode, Geometry?)>? bbox = null)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "Feature");
        if (bbox is not null) Bbox(writer, bbox);
        writer.WriteString("id", node.Id);
        writer.WriteStartObject("properties");
        writer.WriteString("id", node.Id);
        writer.WriteString("name", node.Name);
        writer.WriteString("nameZh", node.NameZh);
        writer.WriteString("level", node.Level);
        writer.WriteString("code", node.Code);
        writer.WriteString("noiseZone", node.NoiseZone);
        writer.WriteStartArray("position");
        writer.WriteNumberValue(Round(node.Position[0]));
        writer.WriteNumberValue(Round(node.Position[1]));
        writer.WriteEndArray();
        writer.WriteBoolean("leaf", node.IsLeaf);
        writer.WriteEndObject();
        writer.WritePropertyName("geometry");
        Geometry(writer, node, shape);
        writer.WriteEndObject();
    }

    private static void Geometry(Utf8JsonWriter writer, RegionNode node, Geometry? shape)
    {
        var polygons = (shape switch
        {
            Polygon p => [p],
            MultiPolygon m => m.Geometries.OfType<Polygon>(),
            _ => [],
        }).Select(Rings).Where(rings => rings.Count > 0).ToList();
        writer.WriteStartObject();
        if (polygons.Count == 0)
        {
            // Regions known only by a position (legacy districts without a polygon) are drawn as points.
            writer.WriteString("type", "Point");
            writer.WriteStartArray("coordinates");
            writer.WriteNumberValue(Round(node.Position[0]));
            writer.WriteNumberValue(Round(node.Position[1]));
            writer.WriteEndArray();
        }
        else
        {
            writer.WriteString("type", polygons.Count == 1 ? "Polygon" : "MultiPolygon");
            writer.WriteStartArray("coordinates");
            foreach (var rings in polygons)
            {
                if (polygons.Count > 1) writer.WriteStartArray();
                foreach (var ring in rings)
                {
                    writer.WriteStartArray();
                    foreach (var (x, y) in ring)
                    {
                        writer.WriteStartArray();
                        writer.WriteNumberValue(x);
                        writer.WriteNumberValue(y);
                        writer.WriteEndArray();
                    }
                    writer.WriteEndArray();
                }
                if (polygons.Count > 1) writer.WriteEndArray();
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>The polygon's rings after rounding, without the repeated points rounding makes; a ring that collapses
    /// drops out (a hole), and a polygon whose shell collapses drops out entirely.</summary>
    private static List<List<(double X, double Y)>> Rings(Polygon polygon)
    {
        var rings = new List<List<(double, double)>>();
        foreach (var ring in (IEnumerable<LineString>)[polygon.Shell, .. polygon.Holes])
        {
            var points = new List<(double X, double Y)>();
            foreach (var c in ring.Coordinates)
            {
                var p = (Round(c.X), Round(c.Y));
                if (points.Count == 0 || points[^1] != p) points.Add(p);
            }
            if (points.Count >= 4) rings.Add(points);
            else if (rings.Count == 0) return [];
        }
        return rings;
    }

    private static void Bbox(Utf8JsonWriter writer, IEnumerable<(RegionNode Node, Geometry? Shape)> items)
    {
        var envelope = new Envelope();
        foreach (var (node, shape) in items)
        {
            if (shape is { IsEmpty: false }) envelope.ExpandToInclude(shape.EnvelopeInternal);
            else envelope.ExpandToInclude(node.Position[0], node.Position[1]);
        }
        writer.WriteStartArray("bbox");
        foreach (var v in (double[])[envelope.MinX, envelope.MinY, envelope.MaxX, envelope.MaxY]) writer.WriteNumberValue(Round(v));
        writer.WriteEndArray();
    }

    private static double Round(double value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);
}
