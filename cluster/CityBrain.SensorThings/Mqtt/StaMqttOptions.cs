using System.ComponentModel.DataAnnotations;

namespace CityBrain.SensorThings.Mqtt;

/// <summary>The MQTT extension of the SensorThings API (section <c>SensorThings:Mqtt</c>).</summary>
public sealed class StaMqttOptions : IValidatableObject
{
    public const string Section = "SensorThings:Mqtt";

    /// <summary>The MQTT user name of a reader signing in with an API token (the token is the password).</summary>
    public const string TokenUserName = "token";

    /// <summary>The service root the messages' links start from, as readers reach the HTTP API, e.g.
    /// <c>https://city.example/sta/v1.1</c>. Unset, it is the HTTP API's <c>SensorThings:ServiceRoot</c>, and without that
    /// this node's own HTTP address (<c>CityBrain:HttpBindAddress</c>
    /// and <c>CityBrain:HttpPort</c>), right on one machine; behind a proxy or a name, set it.</summary>
    public string? ServiceRoot { get; set; }

    /// <summary>Accepted reports waiting to be published. Publishing never holds up ingest: past this, reports are not
    /// published (counted, logged once a minute) rather than waited for.</summary>
    [Range(16, 10_000_000)]
    public int QueueCapacity { get; set; } = 10_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (ServiceRoot is not null && (!Uri.TryCreate(ServiceRoot, UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https") || ServiceRoot.EndsWith('/')))
        {
            yield return new ValidationResult(
                $"{Section}:ServiceRoot '{ServiceRoot}' must be an absolute http or https URL without a trailing slash, e.g. https://city.example/sta/v1.1",
                [nameof(ServiceRoot)]);
        }
    }
}
