using System.Text.Json;

namespace CityBrain.Regions.Tests;

internal static class MapJson
{
    public static JsonElement Parse(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static IReadOnlyList<JsonElement> Features(ReadOnlyMemory<byte> map) => [.. Parse(map).GetProperty("features").EnumerateArray()];
}
