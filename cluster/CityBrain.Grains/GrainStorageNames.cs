namespace CityBrain.Grains;

public static class GrainStorageNames
{
    /// <summary>The storage provider every CityBrain grain keeps its state in.</summary>
    public const string State = "citybrain";
}
