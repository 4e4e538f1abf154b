namespace CityBrain.SensorThings.Query;

/// <summary>The query options of one request, or of one <c>$expand</c> item (OGC 18-088 §9.3). Parsed by
/// <see cref="QueryOptionsParser"/>; a malformed option is refused there with a sentence naming it.</summary>
/// <param name="Select">The properties to write; null for all of them.</param>
/// <param name="Top">As given; null when absent (the server's default applies).</param>
/// <param name="Count">As given; null when absent.</param>
public sealed record QueryOptions(
    Expression? Filter,
    IReadOnlyList<OrderByItem> OrderBy,
    IReadOnlyList<string>? Select,
    IReadOnlyList<ExpandItem> Expand,
    int? Top,
    int? Skip,
    bool? Count)
{
    public static QueryOptions None { get; } = new(null, [], null, [], null, null, null);
}

public sealed record OrderByItem(Expression Expression, bool Descending);

/// <summary>One item of <c>$expand</c>: <c>Datastreams/Observations($top=3)</c> has the path ["Datastreams",
/// "Observations"], the options applying to the last segment.</summary>
public sealed record ExpandItem(IReadOnlyList<string> Path, QueryOptions Options);
