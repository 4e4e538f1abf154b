namespace CityBrain.Storage.GrainState;

public sealed class SqliteGrainStorageOptions
{
    /// <summary>Path of the SQLite file holding grain state.</summary>
    public string DatabasePath { get; set; } = "data/grains.db";
}
