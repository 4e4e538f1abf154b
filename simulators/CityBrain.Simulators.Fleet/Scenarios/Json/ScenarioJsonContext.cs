using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityBrain.Simulators.Fleet.Scenarios.Json;

/// <summary>Scenario files are written by hand: comments and trailing commas are welcome. Unknown fields are collected
/// (<see cref="DocumentPart.Unknown"/>) and reported by the compiler.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(ScenarioDocument))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
