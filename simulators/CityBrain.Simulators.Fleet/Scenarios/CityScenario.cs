using System.Globalization;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Simulators.Fleet.Faults;
using CityBrain.Simulators.Fleet.Time;
using CityBrain.Simulators.Fleet.Values;
using NetTopologySuite.Geometries;

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
    /// <summary>Everything a classic gateway reports when a scenario names no sensors.</summary>
    public static IReadOnlyList<Quantity> AllSensors => DeviceTypes.ClassicQuantities;

    public int TotalGateways => Districts.Sum(d => d.Gateways);
}

/// <summary>One district. <see cref="Traffic"/> scales how much road traffic its character implies (a district along a
/// ring road is a commercial district with more traffic).</summary>
/// <param name="Sensors">The quantities its gateways report, each as far as its kind has a module for it; null: what
/// each kind reports by default.</param>
/// <param name="Devices">The kinds of gateway that stand in it; null: all classic.</param>
/// <param name="Outline">Its boundary, from the cluster's region file, inside which its gateways stand.</param>
public sealed record DistrictScenario(
    string Id,
    string Name,
    DistrictCharacter Character,
    GeoPosition? Position,
    IReadOnlyList<string> Neighbours,
    int Gateways,
    IReadOnlyList<Quantity>? Sensors,
    double Traffic = 1.0,
    DeviceMix? Devices = null,
    Geometry? Outline = null)
{
    public DeviceMix Mix => Devices ?? DeviceMix.AllClassic;

    /// <summary>What a gateway of kind <paramref name="device"/> in this district reports.</summary>
    public IReadOnlyList<Quantity> SensorsOf(DeviceType device) =>
        Sensors is { } listed ? [.. listed.Where(device.Measures)] : device.Defaults;
}

/// <summary>The share of a district's gateways that are of one kind.</summary>
public readonly record struct DeviceShare(DeviceType Type, double Share);

/// <summary>Which kinds of gateway stand in a district: a share of its gateways for each kind named, the rest classic.
/// A gateway's kind is drawn from the seed and its id alone, so adding gateways does not change the others' kinds.</summary>
public sealed record DeviceMix(IReadOnlyList<DeviceShare> Shares)
{
    public static readonly DeviceMix AllClassic = new([]);

    /// <summary>The kind for a gateway whose draw is <paramref name="u"/> in [0, 1).</summary>
    public DeviceType Pick(double u)
    {
        var cumulative = 0.0;
        foreach (var (type, share) in Shares)
        {
            cumulative += share;
            if (u < cumulative) return type;
        }
        return DeviceTypes.Classic;
    }

    public override string ToString() => Shares.Count == 0
        ? "all classic"
        : string.Join(", ", Shares.Select(s => $"{s.Type.Name} {(100 * s.Share).ToString("0.#", CultureInfo.InvariantCulture)} %")) + ", the rest classic";

    /// <summary>The kinds that can stand in the district: those with a share, and classic when the shares leave room.</summary>
    public IEnumerable<DeviceType> Present =>
        Shares.Where(s => s.Share > 0).Select(s => s.Type)
            .Concat(Shares.Sum(s => s.Share) < 1 ? [DeviceTypes.Classic] : [])
            .Distinct();
}

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
