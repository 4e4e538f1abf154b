using System.ComponentModel.DataAnnotations;

namespace CityBrain.Ingest.Broker;

public sealed class CredentialWatchOptions
{
    public const string Section = "Credentials";

    /// <summary>How often a node reads the credential changes made anywhere (CLI, API, another node): the longest a
    /// revoked or rotated device stays connected to it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Credentials:WatchInterval must be between 50 ms and 1 minute")]
    public TimeSpan WatchInterval { get; set; } = TimeSpan.FromSeconds(1);
}
