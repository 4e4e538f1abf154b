using System.ComponentModel.DataAnnotations;

namespace CityBrain.Ingest.Delivery;

public sealed class DeliveryOptions
{
    public const string Section = "Delivery";

    /// <summary>How often a node looks in the shared store for retained messages set through another node: the longest a
    /// connected device waits for a configuration changed elsewhere.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00", ErrorMessage = "Delivery:SyncInterval must be between 50 ms and 5 minutes")]
    public TimeSpan SyncInterval { get; set; } = TimeSpan.FromSeconds(1);
}
