using CityBrain.Contracts.Topics;
using CityBrain.Simulators.Fleet.Values;

namespace CityBrain.Simulators.Fleet.Scenarios;

/// <summary>A city from nothing but district ids and a gateway count, for <c>citybrain-host --simulate N</c> and quick
/// runs without a scenario file. Gateways go round-robin over the districts; each district's character is drawn from
/// the seed; districts neighbour the next in the list, and the seed brings about two pollution episodes a week. A fifth
/// of the gateways are modern stations and a tenth classic ones with an SGP41, as a city renewing its network has.</summary>
public static class QuickCity
{
    /// <summary>The gateway kinds of every district.</summary>
    public static readonly DeviceMix Devices = new([new DeviceShare(DeviceTypes.Modern, 0.2), new DeviceShare(DeviceTypes.ClassicSgp41, 0.1)]);

    private static readonly ulong CharacterStream = SeededNoise.Hash("character");

    public static CityScenario Build(
        IReadOnlyList<string> districtIds, int gateways, int seed, TimeSpan reportInterval, TimeZoneInfo timeZone)
    {
        if (districtIds.Count == 0) throw new ArgumentException("a simulated city needs at least one district", nameof(districtIds));
        if (gateways < 1) throw new ArgumentOutOfRangeException(nameof(gateways), gateways, "a simulated city needs at least one gateway");
        foreach (var id in districtIds) Identifier.Require(id, "district");
        var noise = new SeededNoise(seed);
        var n = districtIds.Count;
        var districts = districtIds.Select((id, i) => new DistrictScenario(
            id, id, Character(noise.Uniform(CharacterStream, SeededNoise.Hash(id))), null,
            n > 1 ? [districtIds[(i + 1) % n]] : [],
            gateways / n + (i < gateways % n ? 1 : 0),
            Sensors: null, Devices: Devices)).ToList();
        return new CityScenario("Simulated city", timeZone, seed, reportInterval, ScenarioCompiler.DefaultDevicePrefix, districts, new WeatherScenario(),
            [], new RandomEpisodes(PerWeek: 2, Intensity: 3, TimeSpan.FromHours(18), TimeSpan.FromHours(3), Attenuation: 0.7), []);
    }

    /// <summary>Mostly homes and shops, some industry, a few parks.</summary>
    private static DistrictCharacter Character(double u) => u switch
    {
        < 0.35 => DistrictCharacter.Residential,
        < 0.65 => DistrictCharacter.Commercial,
        < 0.85 => DistrictCharacter.Industrial,
        _ => DistrictCharacter.Park,
    };
}
