using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityBrain.Regions;

/// <summary>One feature of a boundaries file: its text properties and its checked shape.</summary>
/// <param name="Label">How sentences name the feature: its id, name or code, else its number in the file.</param>
internal sealed record BoundaryFeature(string Label, IReadOnlyDictionary<string, string> Properties, Geometry Shape)
{
    private static readonly string[] CodeKeys = ["adcode", "code", "ADCODE", "gb"];
    private static readonly string[] NameKeys = ["name", "NAME"];

    public string? Property(params ReadOnlySpan<string> keys)
    {
        foreach (var key in keys)
        {
            if (Properties.TryGetValue(key, out var value)) return value;
        }
        return null;
    }

    public string? Code => Property(CodeKeys);

    public string? Name => Property(NameKeys);

    /// <summary>Reads a GeoJSON FeatureCollection. Properties keep strings and numbers (codes are often numbers).</summary>
    public static IReadOnlyList<BoundaryFeature> ReadAll(string path)
    {
        using var document = JsonFiles.Parse(path, "boundaries file");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("features", out var features) || features.ValueKind != JsonValueKind.Array)
        {
            throw new RegionFileException(path, "the boundaries file is not a GeoJSON FeatureCollection with a 'features' array");
        }
        var result = new List<BoundaryFeature>();
        foreach (var feature in features.EnumerateArray())
        {
            var properties = new Dictionary<string, string>(StringComparer.Ordinal);
            if (feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("properties", out var props) && props.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in props.EnumerateObject())
                {
                    if (JsonFiles.Code(p.Value) is { } text) properties[p.Name] = text;
                }
            }
            var label = properties.GetValueOrDefault("id") ?? properties.GetValueOrDefault("name") ?? properties.GetValueOrDefault("NAME")
                ?? properties.GetValueOrDefault("adcode") ?? $"#{result.Count + 1}";
            var geometry = feature.ValueKind == JsonValueKind.Object && feature.TryGetProperty("geometry", out var g) ? g : default;
            result.Add(new BoundaryFeature(label, properties, ShapeReader.Geometry(geometry, path, $"feature '{label}'")));
        }
        if (result.Count == 0) throw new RegionFileException(path, "the boundaries file has no features");
        return result;
    }
}
