using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Query;

/// <summary>The built-in functions of the filter language (OGC 18-088 §9.3.3.5.2): how many arguments each takes
/// (the parser refuses any other name or count) and what it computes. An argument of the wrong type gives null;
/// nothing here throws on data.</summary>
internal static class StaFunctions
{
    private sealed record Function(int Min, int Max, Func<object?[], TimeProvider, object?> Apply);

    private static readonly Dictionary<string, Function> Table = new(StringComparer.Ordinal)
    {
        ["substringof"] = Text2((a, b) => b.Contains(a, StringComparison.Ordinal)),
        ["endswith"] = Text2((a, b) => a.EndsWith(b, StringComparison.Ordinal)),
        ["startswith"] = Text2((a, b) => a.StartsWith(b, StringComparison.Ordinal)),
        ["length"] = Text1(s => (long)s.Length),
        ["indexof"] = Text2((a, b) => (long)a.IndexOf(b, StringComparison.Ordinal)),
        ["substring"] = new(2, 3, (a, _) => Substring(a)),
        ["tolower"] = Text1(s => s.ToLowerInvariant()),
        ["toupper"] = Text1(s => s.ToUpperInvariant()),
        ["trim"] = Text1(s => s.Trim()),
        ["concat"] = Text2((a, b) => a + b),
        ["year"] = Instant(t => (long)t.Year),
        ["month"] = Instant(t => (long)t.Month),
        ["day"] = Instant(t => (long)t.Day),
        ["hour"] = Instant(t => (long)t.Hour),
        ["minute"] = Instant(t => (long)t.Minute),
        ["second"] = Instant(t => (long)t.Second),
        ["fractionalseconds"] = Instant(t => (double)(t.Ticks % TimeSpan.TicksPerSecond) / TimeSpan.TicksPerSecond),
        // The calendar date in the value's own offset, as midnight UTC of that date, so that it equals a date literal.
        ["date"] = Instant(t => new DateTimeOffset(t.Year, t.Month, t.Day, 0, 0, 0, TimeSpan.Zero)),
        ["time"] = Instant(t => t.TimeOfDay),
        ["totaloffsetminutes"] = Instant(t => (long)t.Offset.TotalMinutes),
        ["now"] = new(0, 0, (_, time) => time.GetUtcNow()),
        ["mindatetime"] = new(0, 1, (a, _) => a.Length == 0 ? DateTimeOffset.MinValue : StaValues.Bounds(a[0])?.Start),
        ["maxdatetime"] = new(0, 1, (a, _) => a.Length == 0 ? DateTimeOffset.MaxValue : StaValues.Bounds(a[0])?.End),
        ["round"] = Number1(d => Math.Round(d, MidpointRounding.AwayFromZero)),
        ["floor"] = Number1(Math.Floor),
        ["ceiling"] = Number1(Math.Ceiling),
        ["geo.distance"] = Geo2((a, b) => a.Distance(b)),
        ["geo.length"] = new(1, 1, (a, _) => Geo(() => a[0] is Geometry g ? g.Length : null)),
        ["geo.intersects"] = Geo2((a, b) => a.Intersects(b)),
        ["st_equals"] = Geo2((a, b) => SpatiallyEqual(a, b)),
        ["st_disjoint"] = Geo2((a, b) => a.Disjoint(b)),
        ["st_touches"] = Geo2((a, b) => a.Touches(b)),
        ["st_within"] = Geo2((a, b) => a.Within(b)),
        ["st_overlaps"] = Geo2((a, b) => a.Overlaps(b)),
        ["st_crosses"] = Geo2((a, b) => a.Crosses(b)),
        ["st_intersects"] = Geo2((a, b) => a.Intersects(b)),
        ["st_contains"] = Geo2((a, b) => a.Contains(b)),
        ["st_relate"] = new(3, 3, (a, _) => Geo(() => a is [Geometry g, Geometry h, string pattern] ? g.Relate(h, pattern) : null)),
    };

    public static bool IsFunction(string name) => Table.ContainsKey(name);

    /// <summary>Null when the count fits, else the sentence fragment saying what the function takes.</summary>
    public static string? CheckArgumentCount(string name, int count)
    {
        var function = Table[name];
        if (count >= function.Min && count <= function.Max)
        {
            return null;
        }

        var expected = function.Min == function.Max
            ? function.Min == 1 ? "1 argument" : $"{function.Min} arguments"
            : $"{function.Min} or {function.Max} arguments";
        return $"{name} takes {expected}, not {count}";
    }

    public static object? Apply(string name, object?[] arguments, TimeProvider time) =>
        Table.TryGetValue(name, out var function) && arguments.Length >= function.Min && arguments.Length <= function.Max
            ? function.Apply(arguments, time)
            : null;

    /// <summary>Whether two geometries cover the same points; null when NetTopologySuite cannot tell.</summary>
    public static bool? SpatiallyEqual(Geometry a, Geometry b) => (bool?)Geo(() => a.EqualsTopologically(b));

    private static Function Text1(Func<string, object?> f) => new(1, 1, (a, _) => a[0] is string s ? f(s) : null);

    private static Function Text2(Func<string, string, object?> f) =>
        new(2, 2, (a, _) => a is [string s, string t] ? f(s, t) : null);

    /// <summary>A date function; on an interval it reads the interval's start.</summary>
    private static Function Instant(Func<DateTimeOffset, object?> f) =>
        new(1, 1, (a, _) => StaValues.Bounds(a[0]) is { } bounds ? f(bounds.Start) : null);

    /// <summary>A rounding function: an integer is already whole and stays a long.</summary>
    private static Function Number1(Func<double, double> f) => new(1, 1, (a, _) => a[0] switch
    {
        long n => n,
        double d => (object)f(d),
        _ => null,
    });

    private static Function Geo2(Func<Geometry, Geometry, object?> f) =>
        new(2, 2, (a, _) => Geo(() => a is [Geometry g, Geometry h] ? f(g, h) : null));

    // NetTopologySuite throws on some invalid geometries (self-intersecting rings, bad DE-9IM patterns); a filter
    // over such data is unanswerable for that entity, not a failed request.
    private static object? Geo(Func<object?> compute)
    {
        try
        {
            return compute();
        }
        catch (Exception e) when (e is TopologyException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            return null;
        }
    }

    private static object? Substring(object?[] a)
    {
        if (a[0] is not string s || a[1] is not long start || (a.Length == 3 && a[2] is not long))
        {
            return null;
        }

        var from = (int)Math.Clamp(start, 0, s.Length);
        var length = a.Length == 3 ? (int)Math.Clamp((long)a[2]!, 0, s.Length - from) : s.Length - from;
        return s.Substring(from, length);
    }
}
