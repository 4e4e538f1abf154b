using System.Text.Json;
using System.Text.Json.Serialization;
using CityBrain.Contracts.Topics;

namespace CityBrain.Grains.Regions;

/// <summary>Loads and checks a city file. A broken file stops the host at start with one sentence naming the
/// problem, rather than a cockpit that silently misses a district.</summary>
public static class CityFile
{
    private static readonly string[] NoiseZones = ["0", "1", "2", "3", "4a", "4b"];

    /// <summary>Until RegionFile lands: a city file as a two-level tree.</summary>
    public static CityBrain.Regions.RegionTree LoadTree(string path)
    {
        var city = Load(path);
        return new CityBrain.Regions.RegionTree(new CityBrain.Regions.RegionNode(city.Id, city.Name, city.NameZh, "city", null, null,
            city.Districts.Count > 0 ? city.Districts[0].Position : [0, 0],
            [.. city.Districts.Select(d => new CityBrain.Regions.RegionNode(d.Id, d.Name, d.NameZh, "district", null, d.NoiseZone, d.Position, []))]), city.TimeZone);
    }

    public static CityDefinition Load(string path)
    {
        if (!File.Exists(path)) throw new CityFileException(path, "the file does not exist");
        CityDefinition? city;
        try
        {
            using var stream = File.OpenRead(path);
            city = JsonSerializer.Deserialize(stream, CityFileJsonContext.Default.CityDefinition);
        }
        catch (JsonException ex)
        {
            throw new CityFileException(path, $"it is not a valid city file ({ex.Message})");
        }
        if (city is null) throw new CityFileException(path, "it is empty");
        Validate(path, city);
        return city;
    }

    private static void Validate(string path, CityDefinition city)
    {
        if (!Identifier.IsValid(city.Id)) throw new CityFileException(path, $"city id '{city.Id}' is not a valid id");
        try
        {
            _ = city.TimeZoneInfo;
        }
        catch (TimeZoneNotFoundException)
        {
            throw new CityFileException(path, $"time zone '{city.TimeZone}' is unknown (use an IANA name such as Asia/Shanghai)");
        }
        if (city.Districts.Count == 0) throw new CityFileException(path, "it lists no districts");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in city.Districts)
        {
            if (!Identifier.IsValid(d.Id)) throw new CityFileException(path, $"district id '{d.Id}' is not a valid id");
            if (!seen.Add(d.Id)) throw new CityFileException(path, $"district '{d.Id}' is listed twice");
            if (!NoiseZones.Contains(d.NoiseZone))
            {
                throw new CityFileException(path, $"district '{d.Id}' has noise zone '{d.NoiseZone}'; GB 3096-2008 classes are {string.Join(", ", NoiseZones)}");
            }
            if (d.Position.Count != 2) throw new CityFileException(path, $"district '{d.Id}' position must be [longitude, latitude]");
            if (d.Polygon is { } polygon && (polygon.Count < 3 || polygon.Any(p => p.Count != 2)))
            {
                throw new CityFileException(path, $"district '{d.Id}' polygon needs at least 3 [longitude, latitude] points");
            }
        }
    }
}

public sealed class CityFileException(string path, string problem)
    : Exception($"City file '{path}' cannot be used: {problem}.");

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true, ReadCommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true)]
[JsonSerializable(typeof(CityDefinition))]
internal sealed partial class CityFileJsonContext : JsonSerializerContext;
