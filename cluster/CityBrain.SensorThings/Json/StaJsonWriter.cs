using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CityBrain.SensorThings.Model;
using CityBrain.SensorThings.Query;
using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Json;

/// <summary>Writes entities as the standard's JSON (OGC 18-088 §9.2): the control information <c>@iot.id</c> and
/// <c>@iot.selfLink</c>, the properties, and a <c>X@iot.navigationLink</c> per navigation property. The HTTP service
/// and the MQTT extension write through this one class, so a message is exactly what a GET answers.</summary>
public static class StaJsonWriter
{
    /// <summary>Links and text as they are (quotes and ampersands unescaped): the service writes JSON for clients, never
    /// into HTML, and a link should read the same in the body as in the address bar.</summary>
    public static JsonWriterOptions Options { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One entity as a JSON document, every property and link written.</summary>
    /// <param name="serviceRoot">The service root the links start from, e.g. <c>https://city.example/sta/v1.1</c>.</param>
    public static byte[] Serialize(StaEntity entity, string serviceRoot)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            WriteMembers(writer, entity, serviceRoot, null);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The members of an entity object (the caller opens and closes it, so that expanded entities can follow).</summary>
    /// <param name="select">The properties and navigation links to write (<c>id</c> for the control information); null for all.</param>
    public static void WriteMembers(Utf8JsonWriter writer, StaEntity entity, string serviceRoot, IReadOnlyCollection<string>? select)
    {
        var self = SelfLink(serviceRoot, entity);
        if (select is null || select.Contains("id"))
        {
            writer.WriteString("@iot.id", entity.Id);
            writer.WriteString("@iot.selfLink", self);
        }
        // In the type's order; a property the entity does not carry (an optional one such as validTime) is left out,
        // while one it carries as null (an invalid reading's result) is written as null.
        foreach (var name in entity.Type.Properties)
        {
            if (select is not null && !select.Contains(name)) continue;
            if (!entity.TryFind(name, out var value)) continue;
            writer.WritePropertyName(name);
            WriteValue(writer, value);
        }
        foreach (var navigation in entity.Type.Navigations)
        {
            if (select is not null && !select.Contains(navigation.Name)) continue;
            writer.WriteString(navigation.Name + "@iot.navigationLink", $"{self}/{navigation.Name}");
        }
    }

    public static string SelfLink(string serviceRoot, StaEntity entity) => $"{serviceRoot}/{entity.Type.SetName}({StaIds.Key(entity.Id)})";

    /// <summary>A property value: times as ISO 8601 in UTC, intervals as <c>start/end</c>, geometries as GeoJSON.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case string text:
                writer.WriteStringValue(text);
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case long number:
                writer.WriteNumberValue(number);
                break;
            case int number:
                writer.WriteNumberValue(number);
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            case DateTimeOffset time:
                writer.WriteStringValue(Format(time));
                break;
            case TimeInterval interval:
                writer.WriteStringValue(interval.ToString());
                break;
            case JsonElement element:
                element.WriteTo(writer);
                break;
            case Geometry geometry:
                GeoJson.Write(writer, geometry);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }

    /// <summary>The text of a value for <c>$value</c>: a string as it is, anything else as its JSON.</summary>
    public static string RawValue(object? value)
    {
        if (value is string text) return text;
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer, Options)) WriteValue(writer, value);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
