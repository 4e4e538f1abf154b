using System.Globalization;

namespace CityBrain.Regions.Tests;

/// <summary>A temporary folder of region and boundaries files, written for one test and deleted after it.</summary>
public sealed class RegionFolder : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("citybrain-regions-").FullName;

    public string Write(string name, string content)
    {
        var path = Path.Combine(_root, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>A GeoJSON FeatureCollection of the given features.</summary>
    public static string Collection(params string[] features) => $$"""{ "type": "FeatureCollection", "features": [{{string.Join(",", features)}}] }""";

    /// <summary>A Polygon feature with the given properties (a JSON object's inside) and ring.</summary>
    public static string Feature(string properties, params (double Lon, double Lat)[] ring) =>
        $$"""{ "type": "Feature", "properties": { {{properties}} }, "geometry": { "type": "Polygon", "coordinates": [[{{Points(ring)}}]] } }""";

    /// <summary>A closed axis-aligned rectangle, counter-clockwise.</summary>
    public static (double, double)[] Box(double west, double south, double east, double north) =>
        [(west, south), (east, south), (east, north), (west, north), (west, south)];

    public static string Points(IEnumerable<(double Lon, double Lat)> points) =>
        string.Join(",", points.Select(p => string.Create(CultureInfo.InvariantCulture, $"[{p.Lon},{p.Lat}]")));
}
