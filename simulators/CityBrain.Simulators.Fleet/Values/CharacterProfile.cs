using CityBrain.Simulators.Fleet.Scenarios;

namespace CityBrain.Simulators.Fleet.Values;

/// <summary>Typical levels of a district of one character, before the daily cycle, season and weather act on them.</summary>
/// <param name="Pm25">PM2.5 on an ordinary day, µg/m³.</param>
/// <param name="CoarseRatio">PM10 / PM2.5: higher where construction and industry raise dust.</param>
/// <param name="No2Background">NO2 without traffic, µg/m³.</param>
/// <param name="No2PerTraffic">NO2 added at full traffic, µg/m³.</param>
/// <param name="So2">SO2 outside the heating season, µg/m³.</param>
/// <param name="Co">CO, mg/m³.</param>
/// <param name="Noise">Background sound level by day, dB(A); roads add to it.</param>
/// <param name="Traffic">How much of the city's traffic passes through.</param>
/// <param name="HeatIsland">How much warmer than the surroundings, °C (stronger at night).</param>
/// <param name="NightLight">Street lighting at the sensor after dark, lx.</param>
internal sealed record CharacterProfile(
    double Pm25,
    double CoarseRatio,
    double No2Background,
    double No2PerTraffic,
    double So2,
    double Co,
    double Noise,
    double Traffic,
    double HeatIsland,
    double NightLight)
{
    public static CharacterProfile Of(DistrictCharacter character) => character switch
    {
        DistrictCharacter.Residential => new(32, 1.6, 20, 40, 7, 0.55, 45, 0.8, 0.5, 12),
        DistrictCharacter.Commercial => new(35, 1.55, 28, 52, 7, 0.65, 52, 1.2, 1.0, 25),
        DistrictCharacter.Industrial => new(45, 1.9, 30, 35, 20, 0.8, 56, 0.9, 0.8, 15),
        DistrictCharacter.Park => new(24, 1.45, 12, 18, 5, 0.4, 41, 0.35, -0.8, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(character), character, "no profile for this district character"),
    };
}
