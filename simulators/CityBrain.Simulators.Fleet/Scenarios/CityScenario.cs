using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Time;

namespace CityBrain.Simulators.Fleet.Scenarios;

/// <summary>A validated simulated city: where its gateways stand, what they measure and what happens to its air.
/// Built by <see cref="ScenarioReader"/> from a scenario file or by <see cref="QuickCity"/> from a district list.</summary>
public sealed record CityScenario(
    string Name,
    TimeZoneInfo TimeZone,
    int Seed,
    TimeSpan ReportInterval,
    string DevicePrefix,
    IReadOnlyList<DistrictScenario> Districts,
    WeatherScenario Weather,
    IReadOnlyList<EpisodeScenario> Episodes,
    RandomEpisodes? RandomEpisodes,
    IReadOnlyList<FaultScenario> Faults)
{
    /// <summary>Everything a gateway can measure, the default when a scenario names no sensors.</summary>
    public static readonly IReadOnlyList<Quantity> AllSensors =
    [
        Quantity.Pm2_5, Quantity.Pm10, Quantity.No2, Quantity.So2, Quantity.O3, Quantity.Co, Quantity.Co2,
        Quantity.Temperature, Quantity.Humidity, Quantity.Pressure, Quantity.Noise, Quantity.Illuminance,
    ];

    public int TotalGateways => Districts.Sum(d => d.Gateways);
}

/// <summary>One district. <see cref="Traffic"/> scales how much road traffic its character implies (a district along a
/// ring road is a commercial district with more traffic).</summary>
public sealed record DistrictScenario(
    string Id,
    string Name,
    DistrictCharacter Character,
    GeoPosition? Position,
    IReadOnlyList<string> Neighbours,
    int Gateways,
    IReadOnlyList<Quantity> Sensors,
    double Traffic = 1.0);

/// <summary>Longitude and latitude in degrees (the order GeoJSON uses).</summary>
public readonly record struct GeoPosition(double Longitude, double Latitude);

/// <summary>The season's weather around which each day cycles; null members follow the climate of a city at the
/// district latitude for the day of the year.</summary>
public sealed record WeatherScenario(
    double? MeanTemperature = null,
    double DailyTemperatureRange = 9,
    double? MeanHumidity = null,
    double DailyHumidityRange = 30,
    double MeanPressure = 1013.25);

/// <summary>A pollution episode that starts in one district and drifts to its neighbours, one hop per
/// <see cref="HopDelay"/>, weakening by <see cref="Attenuation"/> at each hop. <see cref="Intensity"/> multiplies
/// particulate levels at its peak (3 turns 50 µg/m³ PM2.5 into 200).</summary>
public sealed record EpisodeScenario(
    string Origin,
    ScenarioInstant Start,
    TimeSpan Duration,
    double Intensity,
    TimeSpan HopDelay,
    double Attenuation);

/// <summary>Episodes drawn from the seed: on average <see cref="PerWeek"/> a week, each from a district and hour the
/// seed picks, so a long-running demo city has bad days without a scenario file.</summary>
public sealed record RandomEpisodes(double PerWeek, double Intensity, TimeSpan Duration, TimeSpan HopDelay, double Attenuation);
