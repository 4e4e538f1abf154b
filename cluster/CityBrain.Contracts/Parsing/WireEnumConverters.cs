using System.Text.Json;
using System.Text.Json.Serialization;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Parsing;

/// <summary>Quantities travel by their wire names (<c>pm2_5</c>), which an enum-name policy would not produce reliably.</summary>
public sealed class QuantityConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (!Quantities.TryParse(name, out var info))
        {
            throw new JsonException(name is null
                ? "quantity must be a string"
                : $"unknown quantity '{name}' (known: {string.Join(", ", Quantities.All.Select(q => q.WireName))})");
        }
        return info.Quantity;
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.WireName());
}

/// <summary>Lower-case names for the small closed enums of the contract, refusing anything else.</summary>
public abstract class LowerCaseEnumConverter<T> : JsonConverter<T> where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName =
        Enum.GetValues<T>().ToDictionary(v => v.ToString().ToLowerInvariant(), StringComparer.Ordinal);

    protected abstract string What { get; }

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var name = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        if (name is null || !ByName.TryGetValue(name, out var value))
        {
            throw new JsonException($"unknown {What} '{name}' (known: {string.Join(", ", ByName.Keys)})");
        }
        return value;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString().ToLowerInvariant());
}

public sealed class QualityConverter : LowerCaseEnumConverter<Quality>
{
    protected override string What => "quality";
}

public sealed class DeviceStateConverter : LowerCaseEnumConverter<DeviceState>
{
    protected override string What => "device state";
}
