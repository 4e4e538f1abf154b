using System.Text.Json;
using System.Text.Json.Serialization;

namespace CityBrain.Simulators.Fleet.Scenarios.Json;

// The scenario file as written. Every member is optional here so that a missing one is reported by
// ScenarioCompiler with a sentence about the scenario, not by the JSON reader with one about .NET types.

/// <summary>Members a scenario file has that its object does not: kept, so that every misspelt field is reported at
/// once with the rest of the file's problems instead of silently falling back to a default.</summary>
public abstract class DocumentPart
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}

public sealed class ScenarioDocument : DocumentPart
{
    public string? Name { get; init; }
    public string? TimeZone { get; init; }
    public int? Seed { get; init; }
    public string? ReportInterval { get; init; }
    public string? DevicePrefix { get; init; }
    public List<string>? Sensors { get; init; }
    public Dictionary<string, double>? Devices { get; init; }
    public WeatherDocument? Weather { get; init; }
    public List<DistrictDocument>? Districts { get; init; }
    public List<EpisodeDocument>? Episodes { get; init; }
    public RandomEpisodesDocument? RandomEpisodes { get; init; }
    public List<FaultDocument>? Faults { get; init; }
}

public sealed class DistrictDocument : DocumentPart
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? Character { get; init; }
    public List<double>? Position { get; init; }
    public List<string>? Neighbours { get; init; }
    public int? Gateways { get; init; }
    public List<string>? Sensors { get; init; }
    public Dictionary<string, double>? Devices { get; init; }
    public double? Traffic { get; init; }
}

public sealed class WeatherDocument : DocumentPart
{
    public double? MeanTemperature { get; init; }
    public double? DailyTemperatureRange { get; init; }
    public double? MeanHumidity { get; init; }
    public double? DailyHumidityRange { get; init; }
    public double? MeanPressure { get; init; }
}

public sealed class EpisodeDocument : DocumentPart
{
    public string? Origin { get; init; }
    public string? Start { get; init; }
    public string? Duration { get; init; }
    public double? Intensity { get; init; }
    public string? HopDelay { get; init; }
    public double? Attenuation { get; init; }
}

public sealed class RandomEpisodesDocument : DocumentPart
{
    public double? PerWeek { get; init; }
    public double? Intensity { get; init; }
    public string? Duration { get; init; }
    public string? HopDelay { get; init; }
    public double? Attenuation { get; init; }
}

public sealed class FaultDocument : DocumentPart
{
    public string? Kind { get; init; }
    public List<string>? Gateways { get; init; }
    public List<string>? Districts { get; init; }
    public double? Share { get; init; }
    public string? Start { get; init; }
    public string? Duration { get; init; }
    public double? Rate { get; init; }
    public List<string>? Quantities { get; init; }
    public string? Skew { get; init; }
    public double? PerHour { get; init; }
}
