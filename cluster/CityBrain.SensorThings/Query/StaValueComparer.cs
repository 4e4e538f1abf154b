using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Query;

/// <summary>The order of <c>$orderby</c>: null first, then by kind — booleans, numbers (long and double
/// together), strings (ordinal), times (instants and intervals by start, then end), durations, geometries, JSON
/// objects and arrays (by their text), anything else by type name and text — and within a kind by value, so that
/// mixed data still sorts the same way every time.</summary>
public sealed class StaValueComparer : IComparer<object?>
{
    public static StaValueComparer Instance { get; } = new();

    private StaValueComparer()
    {
    }

    public int Compare(object? x, object? y)
    {
        x = StaValues.Normalize(x);
        y = StaValues.Normalize(y);
        var kinds = Kind(x).CompareTo(Kind(y));
        if (kinds != 0 || x is null || y is null)
        {
            return kinds;
        }

        if (StaValues.Bounds(x) is { } a && StaValues.Bounds(y) is { } b)
        {
            var starts = a.Start.CompareTo(b.Start);
            return starts != 0 ? starts : a.End.CompareTo(b.End);
        }

        return StaValues.Order(x, y) ?? (x, y) switch
        {
            (Geometry g, Geometry h) => g.CompareTo(h),
            (JsonElement j, JsonElement k) => string.CompareOrdinal(j.GetRawText(), k.GetRawText()),
            _ => CompareOther(x, y),
        };
    }

    private static int CompareOther(object x, object y)
    {
        var types = string.CompareOrdinal(x.GetType().FullName, y.GetType().FullName);
        return types != 0 ? types : string.CompareOrdinal(x.ToString(), y.ToString());
    }

    private static int Kind(object? value) => value switch
    {
        null => 0,
        bool => 1,
        long or double => 2,
        string => 3,
        DateTimeOffset or TimeInterval => 4,
        TimeSpan => 5,
        Geometry => 6,
        JsonElement => 7,
        _ => 8,
    };
}
