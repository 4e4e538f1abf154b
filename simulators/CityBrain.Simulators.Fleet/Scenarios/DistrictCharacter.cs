namespace CityBrain.Simulators.Fleet.Scenarios;

/// <summary>What a district is mostly used for, which sets its pollution and noise levels.</summary>
public enum DistrictCharacter
{
    Residential,
    Commercial,
    Industrial,
    Park,
}
