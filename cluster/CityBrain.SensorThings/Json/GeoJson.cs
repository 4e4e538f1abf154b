using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Json;

/// <summary>Writes a geometry as a GeoJSON geometry object (RFC 7946): longitude first, as CityBrain stores positions.</summary>
public static class GeoJson
{
    public const string EncodingType = "application/geo+json";

    public static void Write(Utf8JsonWriter writer, Geometry geometry)
    {
        writer.WriteStartObject();
        writer.WriteString("type", geometry.GeometryType);
        if (geometry is GeometryCollection collection and not MultiPolygon and not MultiLineString and not MultiPoint)
        {
            writer.WriteStartArray("geometries");
            foreach (var part in collection.Geometries) Write(writer, part);
            writer.WriteEndArray();
        }
        else
        {
            writer.WritePropertyName("coordinates");
            WriteCoordinates(writer, geometry);
        }
        writer.WriteEndObject();
    }

    private static void WriteCoordinates(Utf8JsonWriter writer, Geometry geometry)
    {
        switch (geometry)
        {
            case Point point:
                WritePosition(writer, point.Coordinate);
                break;
            case LineString line:
                WriteRing(writer, line.Coordinates);
                break;
            case Polygon polygon:
                writer.WriteStartArray();
                WriteRing(writer, polygon.ExteriorRing.Coordinates);
                foreach (var hole in polygon.InteriorRings) WriteRing(writer, hole.Coordinates);
                writer.WriteEndArray();
                break;
            default:
                writer.WriteStartArray();
                foreach (var part in ((GeometryCollection)geometry).Geometries) WriteCoordinates(writer, part);
                writer.WriteEndArray();
                break;
        }
    }

    private static void WriteRing(Utf8JsonWriter writer, Coordinate[] coordinates)
    {
        writer.WriteStartArray();
        foreach (var coordinate in coordinates) WritePosition(writer, coordinate);
        writer.WriteEndArray();
    }

    private static void WritePosition(Utf8JsonWriter writer, Coordinate coordinate)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(coordinate.X);
        writer.WriteNumberValue(coordinate.Y);
        writer.WriteEndArray();
    }
}
