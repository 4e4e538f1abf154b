using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Scenarios;
using CityBrain.Simulators.Fleet.Time;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Tests.Support;

/// <summary>Small cities for tests, built the way the simulator builds them.</summary>
internal static class TestCity
{
    public static readonly TimeZoneInfo Beijing = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    /// <summary>Midnight in Beijing on a winter day.</summary>
    public static readonly DateTimeOffset WinterMidnight = new(2026, 11, 23, 0, 0, 0, TimeSpan.FromHours(8));

    public static string DemoCityPath => Path.Combine(AppContext.BaseDirectory, "scenarios", "demo-city.json");

    public static CityScenario Demo(int? seed = null)
    {
        var scenario = ScenarioReader.Load(DemoCityPath);
        return seed is { } s ? scenario with { Seed = s } : scenario;
    }

    /// <summary>One district of each character, two gateways each, no episodes.</summary>
    public static CityScenario FourCharacters(int seed = 42, TimeSpan? interval = null) => new(
        "Test city", Beijing, seed, interval ?? TimeSpan.FromSeconds(10), "sim",
        [
            new DistrictScenario("homes", "Homes", DistrictCharacter.Residential, null, ["shops"], 2, CityScenario.AllSensors),
            new DistrictScenario("shops", "Shops", DistrictCharacter.Commercial, null, ["homes", "works"], 2, CityScenario.AllSensors),
            new DistrictScenario("works", "Works", DistrictCharacter.Industrial, null, ["shops", "green"], 2, CityScenario.AllSensors),
            new DistrictScenario("green", "Green", DistrictCharacter.Park, null, ["works"], 2, CityScenario.AllSensors),
        ],
        new WeatherScenario(), [], null, []);

    /// <summary>Four districts as <see cref="FourCharacters"/>, six gateways each, half of them modern stations and half
    /// classic ones with an SGP41, each reporting what its kind measures, and a haze episode from homes two hours in.</summary>
    public static CityScenario Renewed(int seed = 42)
    {
        var mix = new DeviceMix([new DeviceShare(DeviceTypes.Modern, 0.5), new DeviceShare(DeviceTypes.ClassicSgp41, 0.5)]);
        var city = FourCharacters(seed);
        return city with
        {
            Districts = [.. city.Districts.Select(d => d with { Gateways = 6, Sensors = null, Devices = mix })],
            Episodes = [new EpisodeScenario("homes", new ScenarioInstant(null, TimeSpan.FromHours(2)), TimeSpan.FromHours(20), 3, TimeSpan.FromHours(3), 0.7)],
        };
    }

    public static GatewaySite Site(CityScenario scenario, string district, int number = 1) =>
        FleetPlan.Sites(scenario).Single(s => s.DeviceId == $"sim-{district}-{number:D4}");
}
