using System.Buffers;
using System.Text.Json;

namespace CityBrain.SensorThings.Json;

/// <summary>Builds the JSON-object properties of an entity (<c>properties</c>, <c>parameters</c>, …) as elements, which
/// both the writer copies out and a filter reaches into (<c>parameters/sensor</c>).</summary>
public static class JsonObjects
{
    public static JsonElement Build(Action<Utf8JsonWriter> members)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer, StaJsonWriter.Options))
        {
            writer.WriteStartObject();
            members(writer);
            writer.WriteEndObject();
        }
        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }
}
