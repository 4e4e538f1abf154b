using System.Text.Json;
using CityBrain.Simulators.Fleet.Scenarios.Json;

namespace CityBrain.Simulators.Fleet.Scenarios;

/// <summary>Reads scenario files: either a valid <see cref="CityScenario"/> or every problem found, each naming its field.</summary>
public static class ScenarioReader
{
    public sealed record Result(CityScenario? Scenario, IReadOnlyList<ScenarioError> Errors)
    {
        public bool Ok => Scenario is not null;
    }

    public static Result ReadFile(string path)
    {
        if (!File.Exists(path)) return new Result(null, [new ScenarioError("(file)", $"'{path}' does not exist")]);
        return Read(File.ReadAllText(path));
    }

    public static Result Read(string json)
    {
        ScenarioDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(json, ScenarioJsonContext.Default.ScenarioDocument);
        }
        catch (JsonException ex)
        {
            return new Result(null, [JsonErrors.Describe(ex)]);
        }
        if (document is null) return new Result(null, [new ScenarioError("(file)", "the scenario is JSON null; it must be an object { … }")]);
        var (scenario, errors) = ScenarioCompiler.Compile(document);
        return new Result(scenario, errors);
    }

    /// <summary>For callers that cannot go on without the scenario: throws <see cref="InvalidScenarioException"/>.</summary>
    public static CityScenario Load(string path)
    {
        var result = ReadFile(path);
        return result.Scenario ?? throw new InvalidScenarioException(path, result.Errors);
    }
}
