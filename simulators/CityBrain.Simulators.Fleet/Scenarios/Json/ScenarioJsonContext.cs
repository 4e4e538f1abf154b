using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityBrain.Simulators.Fleet.Scenarios.Json;

/// <summary>Scenario files are written by hand: comments and trailing commas are welcome, a misspelt field is not
/// (it would silently fall back to a default).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(ScenarioDocument))]
internal sealed partial class ScenarioJsonContext : JsonSerializerContext;
