namespace CityBrain.Grains.Cities;

public static class CityGrainKey
{
    /// <summary>The one city a silo serves; a province of cities would key city grains by city id instead.</summary>
    public const string Value = "city";
}
