using System.Globalization;
using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityBrain.Regions;

/// <summary>Reading the JSON of region and boundaries files: comments and trailing commas are allowed because people
/// edit these files by hand, and every unexpected shape becomes one sentence naming the file and the region.</summary>
internal static class JsonFiles
{
    private static readonly JsonDocumentOptions Options = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static JsonDocument Parse(string path, string what)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonDocument.Parse(stream, Options);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RegionFileException(path, $"the {what} does not exist");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new RegionFileException(path, $"the {what} cannot be read ({ex.Message})");
        }
        catch (JsonException ex)
        {
            throw new RegionFileException(path, $"the {what} is not valid JSON ({ex.Message})");
        }
    }

    /// <summary>A path written in <paramref name="file"/>, relative to that file's folder.</summary>
    public static string Relative(string file, string path) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file) ?? ".", path));

    public static string? String(JsonElement obj, string name, string file, string what)
    {
        if (!obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind != JsonValueKind.String) throw new RegionFileException(file, $"{what} has a '{name}' that is not a string");
        return value.GetString();
    }

    public static string RequiredString(JsonElement obj, string name, string file, string what) =>
        String(obj, name, file, what) is { Length: > 0 } value
            ? value
            : throw new RegionFileException(file, $"{what} has no '{name}'");

    /// <summary>An administrative code, which files write as a string or as a number.</summary>
    public static string? Code(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    public static Coordinate? Position(JsonElement obj, string file, string what)
    {
        if (!obj.TryGetProperty("position", out var value) || value.ValueKind == JsonValueKind.Null) return null;
        if (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 2
            && value[0].TryGetDouble(out var lon) && value[1].TryGetDouble(out var lat)
            && lon is >= -180 and <= 180 && lat is >= -90 and <= 90)
        {
            return new Coordinate(lon, lat);
        }
        throw new RegionFileException(file, $"{what} has a position that is not [longitude, latitude] with longitude within ±180 and latitude within ±90");
    }

    public static string Format(Coordinate c) =>
        string.Create(CultureInfo.InvariantCulture, $"{c.X:0.#####},{c.Y:0.#####}");
}
