using System.Text.Json;
using CityBrain.Contracts.Topics;

namespace CityBrain.Regions;

/// <summary>Reads the region objects of a file and the files it includes into drafts, and attaches each region's
/// boundaries file to its children. Today's city files (a root with <c>districts</c>) are read as a city of districts.</summary>
internal sealed class RegionReader
{
    /// <summary>The include chain being read, to name a file that includes itself instead of recursing forever.</summary>
    private readonly List<string> _chain = [];

    public static (RegionDraft Root, string TimeZone) ReadRoot(string path)
    {
        using var document = JsonFiles.Parse(path, "region file");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new RegionFileException(path, "its root is not a JSON object");
        var timeZone = JsonFiles.RequiredString(root, "timeZone", path, "the root region");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) || !zone.HasIanaId)
        {
            throw new RegionFileException(path, $"time zone '{timeZone}' is unknown (use an IANA name such as Asia/Shanghai)");
        }
        var reader = new RegionReader();
        reader._chain.Add(path);
        var draft = root.TryGetProperty("districts", out var districts) ? reader.LegacyCity(root, districts, path) : reader.Region(root, path, null);
        return (draft, timeZone);
    }

    public static string CheckedId(string id, string file) =>
        Identifier.IsValid(id)
            ? id
            : throw new RegionFileException(file, $"region id '{id}' is not a valid id (1-{Identifier.MaxLength} lower-case letters, digits, '-' or '_', starting with a letter or digit)");

    public static string? CheckedNoiseZone(string? zone, string file, string what) =>
        zone is null || NoiseZones.IsValid(zone)
            ? zone
            : throw new RegionFileException(file, $"{what} has noise zone '{zone}'; GB 3096-2008 classes are {string.Join(", ", NoiseZones.All)}");

    private RegionDraft Region(JsonElement element, string file, string? parentId)
    {
        var where = parentId is null ? "the root region" : $"a child of '{parentId}'";
        if (element.ValueKind != JsonValueKind.Object) throw new RegionFileException(file, $"{where} is not a JSON object");
        if (JsonFiles.String(element, "include", file, where) is { } include) return Included(JsonFiles.Relative(file, include), file, parentId);

        var draft = Header(element, file, where, level: null);
        if (element.TryGetProperty("children", out var children) && children.ValueKind != JsonValueKind.Null)
        {
            if (children.ValueKind != JsonValueKind.Array) throw new RegionFileException(file, $"region '{draft.Id}' has 'children' that is not an array");
            foreach (var child in children.EnumerateArray()) draft.Children.Add(Region(child, file, draft.Id));
        }
        if (JsonFiles.String(element, "boundaries", file, $"region '{draft.Id}'") is { } boundaries)
        {
            var path = JsonFiles.Relative(file, boundaries);
            BoundaryMatcher.Attach(draft, BoundaryFeature.ReadAll(path), path,
                JsonFiles.String(element, "childLevel", file, $"region '{draft.Id}'"),
                CheckedNoiseZone(JsonFiles.String(element, "defaultNoiseZone", file, $"region '{draft.Id}'"), file, $"region '{draft.Id}'"));
        }
        return draft;
    }

    private RegionDraft Included(string path, string includer, string? parentId)
    {
        if (_chain.Contains(path)) throw new RegionFileException(includer, $"including '{path}' would include a file that is already being read");
        using var document = JsonFiles.Parse(path, $"file included by '{includer}'");
        _chain.Add(path);
        var draft = Region(document.RootElement, path, parentId);
        _chain.RemoveAt(_chain.Count - 1);
        return draft;
    }

    private RegionDraft LegacyCity(JsonElement root, JsonElement districts, string file)
    {
        var city = Header(root, file, "the root region", level: "city");
        if (districts.ValueKind != JsonValueKind.Array || districts.GetArrayLength() == 0)
        {
            throw new RegionFileException(file, $"city '{city.Id}' lists no districts");
        }
        foreach (var element in districts.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.Object) throw new RegionFileException(file, $"a district of '{city.Id}' is not a JSON object");
            var district = Header(element, file, $"a district of '{city.Id}'", level: "district");
            if (element.TryGetProperty("polygon", out var polygon) && polygon.ValueKind != JsonValueKind.Null)
            {
                district.Shape = ShapeReader.Ring(polygon, file, $"district '{district.Id}'");
                district.ShapeFile = file;
            }
            city.Children.Add(district);
        }
        return city;
    }

    /// <summary>The fields every region object has, whichever format it comes in.</summary>
    private static RegionDraft Header(JsonElement element, string file, string where, string? level)
    {
        var id = CheckedId(JsonFiles.RequiredString(element, "id", file, where), file);
        var what = $"region '{id}'";
        return new RegionDraft(file, id,
            JsonFiles.RequiredString(element, "name", file, what),
            JsonFiles.RequiredString(element, "nameZh", file, what),
            level ?? JsonFiles.RequiredString(element, "level", file, what))
        {
            Code = element.TryGetProperty("code", out var code) ? JsonFiles.Code(code) : null,
            NoiseZone = CheckedNoiseZone(JsonFiles.String(element, "noiseZone", file, what), file, what),
            Position = JsonFiles.Position(element, file, what),
        };
    }
}
