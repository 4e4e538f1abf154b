namespace CityBrain.OpenData;

/// <summary>The body of a refused or rejected open-data request: one sentence saying what was wrong, as the rest of the
/// API answers (<c>{"error": "…"}</c>).</summary>
public sealed record OpenDataError(string Error);
