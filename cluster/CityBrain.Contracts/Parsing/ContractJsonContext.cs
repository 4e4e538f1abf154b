using System.Text.Json.Serialization;
using CityBrain.Contracts.Payloads;

namespace CityBrain.Contracts.Parsing;

/// <summary>Source-generated JSON for every payload of the wire contract. Strict about nullability and required
/// members, so a payload missing its device id fails to parse instead of arriving as null.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    Converters = [typeof(QuantityConverter), typeof(QualityConverter), typeof(DeviceStateConverter)])]
[JsonSerializable(typeof(Telemetry))]
[JsonSerializable(typeof(Status))]
[JsonSerializable(typeof(Health))]
[JsonSerializable(typeof(DeviceConfig))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
