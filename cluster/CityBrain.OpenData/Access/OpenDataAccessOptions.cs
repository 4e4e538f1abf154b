using System.ComponentModel.DataAnnotations;

namespace CityBrain.OpenData.Access;

/// <summary>What anyone may read without signing in (section <c>OpenData:Access</c>), e.g.
/// <c>"Public": ["Aggregates", "DeviceHourly"]</c>; every other dataset needs a signed-in person or an API token of
/// any role. When the host's <c>Auth:AnonymousViewing</c> is on, anyone may already read everything a viewer reads, so
/// every dataset is public.</summary>
public sealed class OpenDataAccessOptions : IValidatableObject
{
    public const string Section = "OpenData:Access";

    /// <summary>The host's setting that lets anyone view without signing in.</summary>
    public const string AnonymousViewingSetting = "Auth:AnonymousViewing";

    private static readonly IReadOnlyList<string> DefaultPublic = [nameof(OpenDataset.Aggregates)];

    /// <summary>Dataset names (<see cref="OpenDataset"/>). Null means the default, the district and city aggregates
    /// only; a list given in configuration replaces the default rather than adding to it.</summary>
    public IReadOnlyList<string>? Public { get; set; }

    /// <summary>Mirrors <see cref="AnonymousViewingSetting"/>; not bound from this section (no public setter), so
    /// the two settings cannot disagree.</summary>
    public bool AnonymousViewing { get; internal set; }

    public IReadOnlyList<string> PublicNames => Public ?? DefaultPublic;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        PublicNames.Where(name => Parse(name) is null).Select(name => new ValidationResult(
            $"{Section}:Public names '{name}', which is not a dataset; the datasets are {string.Join(", ", Enum.GetNames<OpenDataset>())}",
            [nameof(Public)]));

    /// <summary>The datasets <see cref="PublicNames"/> names; only meaningful once validated.</summary>
    public IReadOnlySet<OpenDataset> PublicDatasets() =>
        AnonymousViewing ? Enum.GetValues<OpenDataset>().ToHashSet() : PublicNames.Select(Parse).OfType<OpenDataset>().ToHashSet();

    // Names only, any case: Enum.TryParse alone would also take "2" or "Aggregates, DeviceRaw".
    private static OpenDataset? Parse(string? name) =>
        Enum.GetNames<OpenDataset>().FirstOrDefault(n => string.Equals(n, name?.Trim(), StringComparison.OrdinalIgnoreCase)) is { } match
            ? Enum.Parse<OpenDataset>(match)
            : null;
}
