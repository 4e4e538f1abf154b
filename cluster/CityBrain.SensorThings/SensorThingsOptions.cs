using System.ComponentModel.DataAnnotations;

namespace CityBrain.SensorThings;

/// <summary>The SensorThings service (section <c>SensorThings</c>).</summary>
public sealed class SensorThingsOptions : IValidatableObject
{
    public const string Section = "SensorThings";

    /// <summary>Entities per page when a request gives no <c>$top</c>.</summary>
    public int DefaultTop { get; set; } = 100;

    /// <summary>The most entities one page answers; a larger <c>$top</c> is cut to it and paging continues through
    /// <c>@iot.nextLink</c>, so no request makes the node hold or write an unbounded page.</summary>
    public int MaxTop { get; set; } = 10_000;

    /// <summary>How old the list of Things and Datastreams (built from the device grains) may be when it is served:
    /// a client walking the service must not ask every grain on every request. Zero rebuilds it for every request.</summary>
    public TimeSpan CatalogMaxAge { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The public address of the service root (e.g. <c>https://city.example/sta/v1.1</c>) for the links the
    /// service writes; null to take it from each request (what the MQTT extension cannot do, so it needs this behind a
    /// proxy).</summary>
    public string? ServiceRoot { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (DefaultTop < 1) yield return Fail($"{Section}:DefaultTop is {DefaultTop}; a page must hold at least one entity", nameof(DefaultTop));
        if (MaxTop < DefaultTop)
        {
            yield return Fail($"{Section}:MaxTop ({MaxTop}) is below {Section}:DefaultTop ({DefaultTop}); the largest page cannot be smaller than the default one",
                nameof(MaxTop));
        }
        if (MaxTop > 1_000_000) yield return Fail($"{Section}:MaxTop is {MaxTop}; keep a page at most 1000000 entities", nameof(MaxTop));
        if (CatalogMaxAge < TimeSpan.Zero || CatalogMaxAge > TimeSpan.FromHours(1))
        {
            yield return Fail($"{Section}:CatalogMaxAge is {CatalogMaxAge}; use 00:00:00 to 01:00:00", nameof(CatalogMaxAge));
        }
        if (ServiceRoot is { } root && (!Uri.TryCreate(root, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || root.EndsWith('/')))
        {
            yield return Fail($"{Section}:ServiceRoot '{root}' is not an absolute http(s) URL without a trailing slash, e.g. https://city.example/sta/v1.1",
                nameof(ServiceRoot));
        }
    }

    private static ValidationResult Fail(string message, string member) => new(message, [member]);
}
