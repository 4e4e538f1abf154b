using System.Globalization;
using System.Text.Json;

namespace CityBrain.Testing;

/// <summary>What the backfilled-demo tests and the cluster bench's <c>backfill</c> mode read in the region API's answers.</summary>
public static class RegionJson
{
    /// <summary>A time as the <c>from</c> and <c>to</c> of <c>/api/regions/{id}/history</c>, escaped for the query.</summary>
    public static string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    /// <summary>Points of a history answer that have a value.</summary>
    public static int Values(JsonElement history) =>
        history.GetProperty("points").EnumerateArray().Count(p => p.GetProperty("value").ValueKind == JsonValueKind.Number);

    /// <summary>Whether a ranked child has a value at <paramref name="previous"/> (<c>previousHour</c>, <c>previousDay</c>).</summary>
    public static bool HasValue(JsonElement child, string previous) =>
        child.TryGetProperty(previous, out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number;
}
