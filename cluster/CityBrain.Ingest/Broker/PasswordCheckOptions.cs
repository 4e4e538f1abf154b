using System.ComponentModel.DataAnnotations;

namespace CityBrain.Ingest.Broker;

/// <summary>How many PBKDF2 password checks run at once (section <c>Broker:PasswordChecks</c>).</summary>
public sealed class PasswordCheckOptions
{
    public const string Section = "Broker:PasswordChecks";

    /// <summary>Checks running at the same time. Each is ~100k SHA-256 rounds of pure CPU: a storm of wrong passwords
    /// must not take every core from publishing gateways, so by default half the cores (at least one) check.</summary>
    [Range(1, 1024, ErrorMessage = "Broker:PasswordChecks:Concurrency must be 1..1024")]
    public int Concurrency { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>Logins waiting for a check beyond this are answered "quota exceeded" unchecked: past it, a wait would
    /// outlast a client's patience anyway.</summary>
    [Range(0, 100_000, ErrorMessage = "Broker:PasswordChecks:MaxWaiting must be 0..100000")]
    public int MaxWaiting { get; set; } = 200;
}
