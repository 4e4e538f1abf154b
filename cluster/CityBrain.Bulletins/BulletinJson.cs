using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using CityBrain.Bulletins.Model;

namespace CityBrain.Bulletins;

/// <summary>How a bulletin model is archived and served as JSON: camelCase, enums by name, Chinese unescaped.</summary>
public static class BulletinJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Serialize(Bulletin bulletin) => JsonSerializer.Serialize(bulletin, Options);

    public static Bulletin Deserialize(string json) =>
        JsonSerializer.Deserialize<Bulletin>(json, Options) ?? throw new JsonException("a bulletin's JSON was null");
}
