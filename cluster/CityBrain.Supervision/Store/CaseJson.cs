using System.Text.Json;
using System.Text.Json.Serialization;
using CityBrain.Supervision.Cases;

namespace CityBrain.Supervision.Store;

/// <summary>How a store keeps a case and a step: as JSON beside the columns it queries by, one format for SQLite and
/// PostgreSQL alike, enums by name so a reordered enum cannot change a stored case.</summary>
public static class CaseJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(SupervisionCase supervisionCase) => JsonSerializer.Serialize(supervisionCase, Options);

    public static string Serialize(CaseEvent step) => JsonSerializer.Serialize(step, Options);

    public static SupervisionCase ReadCase(string json) =>
        JsonSerializer.Deserialize<SupervisionCase>(json, Options) ?? throw new JsonException("a stored case is the JSON literal null");

    public static CaseEvent ReadStep(string json) =>
        JsonSerializer.Deserialize<CaseEvent>(json, Options) ?? throw new JsonException("a stored case step is the JSON literal null");
}
