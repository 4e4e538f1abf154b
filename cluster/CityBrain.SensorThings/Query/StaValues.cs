using System.Text.Json;
using NetTopologySuite.Geometries;

namespace CityBrain.SensorThings.Query;

/// <summary>The value rules of the filter language: which CLR values an entity's data becomes, how two values
/// compare and how arithmetic combines them. Anything that does not fit gives null (or false for a comparison);
/// nothing throws on data.</summary>
internal static class StaValues
{
    /// <summary>The language's own types for whatever an entity hands out: JSON scalars become CLR values, other
    /// integer and floating types widen to long and double.</summary>
    public static object? Normalize(object? value) => value switch
    {
        JsonElement json => FromJson(json),
        int n => (long)n,
        short n => (long)n,
        byte n => (long)n,
        uint n => (long)n,
        ulong n => n <= long.MaxValue ? (long)n : (object)(double)n,
        float f => (double)f,
        decimal m => (double)m,
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d),
        _ => value,
    };

    private static object? FromJson(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.String => json.GetString(),
        JsonValueKind.Number => json.TryGetInt64(out var n) ? n : (object)json.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Object or JsonValueKind.Array => json,
        _ => null,
    };

    /// <summary>The time span of an instant (start = end) or an interval; null for anything else.</summary>
    public static TimeInterval? Bounds(object? value) => value switch
    {
        DateTimeOffset t => new TimeInterval(t, t),
        TimeInterval i => i,
        _ => null,
    };

    /// <summary>Whether <c>a op b</c> holds for a comparison operator. Null, a type mismatch or an incomparable
    /// pair is false for every operator, <c>ne</c> included.</summary>
    public static bool Compare(BinaryOperator op, object? a, object? b)
    {
        if (a is null || b is null)
        {
            return false;
        }

        // A time kept as text (a JSON property) compares as a time when the other side is one.
        var left = Bounds(b) is null ? a : AsTime(a);
        var right = Bounds(a) is null ? b : AsTime(b);
        if (Bounds(left) is { } x && Bounds(right) is { } y)
        {
            return TemporalOrder.Holds(op, x, y);
        }

        if (left is Geometry g && right is Geometry h && op is BinaryOperator.Eq or BinaryOperator.Ne)
        {
            return StaFunctions.SpatiallyEqual(g, h) is { } equal && equal == (op == BinaryOperator.Eq);
        }

        return Order(left, right) is { } order && op switch
        {
            BinaryOperator.Eq => order == 0,
            BinaryOperator.Ne => order != 0,
            BinaryOperator.Gt => order > 0,
            BinaryOperator.Ge => order >= 0,
            BinaryOperator.Lt => order < 0,
            BinaryOperator.Le => order <= 0,
            _ => false,
        };
    }

    /// <summary>The order of two values of the same kind (numbers of either type count as one kind); null when the
    /// kinds differ or have no order.</summary>
    public static int? Order(object a, object b) => (a, b) switch
    {
        (long x, long y) => x.CompareTo(y),
        (long or double, long or double) => Convert.ToDouble(a).CompareTo(Convert.ToDouble(b)),
        (string x, string y) => Math.Sign(string.CompareOrdinal(x, y)),
        (bool x, bool y) => x.CompareTo(y),
        (TimeSpan x, TimeSpan y) => x.CompareTo(y),
        (DateTimeOffset x, DateTimeOffset y) => x.CompareTo(y),
        _ => null,
    };

    private static object AsTime(object value)
    {
        if (value is not string text)
        {
            return value;
        }

        var slash = text.IndexOf('/');
        if (slash < 0)
        {
            return StaLiterals.DateTime(text) ?? value;
        }

        return StaLiterals.DateTime(text[..slash]) is { } start && StaLiterals.DateTime(text[(slash + 1)..]) is { } end && start <= end
            ? new TimeInterval(start, end)
            : value;
    }

    public static object? Negate(object? value) => value switch
    {
        long n when n != long.MinValue => -n,
        double d => -d,
        TimeSpan t when t != TimeSpan.MinValue => -t,
        _ => null,
    };

    /// <summary>add, sub, mul, div, mod over numbers (long stays long, any double makes a double), and add/sub over
    /// times and durations. Overflow, division by zero and non-finite results are null.</summary>
    public static object? Arithmetic(BinaryOperator op, object? a, object? b)
    {
        try
        {
            var result = (op, a, b) switch
            {
                (_, long x, long y) => Integer(op, x, y),
                (_, long or double, long or double) => Real(op, Convert.ToDouble(a), Convert.ToDouble(b)),
                (BinaryOperator.Add, DateTimeOffset t, TimeSpan d) => t + d,
                (BinaryOperator.Add, TimeSpan d, DateTimeOffset t) => t + d,
                (BinaryOperator.Sub, DateTimeOffset t, TimeSpan d) => t - d,
                (BinaryOperator.Sub, DateTimeOffset t, DateTimeOffset u) => t - u,
                (BinaryOperator.Add, TimeSpan d, TimeSpan e) => d + e,
                (BinaryOperator.Sub, TimeSpan d, TimeSpan e) => d - e,
                (BinaryOperator.Add, TimeInterval i, TimeSpan d) => new TimeInterval(i.Start + d, i.End + d),
                (BinaryOperator.Sub, TimeInterval i, TimeSpan d) => new TimeInterval(i.Start - d, i.End - d),
                _ => null,
            };
            return result is double r && !double.IsFinite(r) ? null : result;
        }
        catch (Exception e) when (e is OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static object? Integer(BinaryOperator op, long x, long y) => op switch
    {
        BinaryOperator.Add => checked(x + y),
        BinaryOperator.Sub => checked(x - y),
        BinaryOperator.Mul => checked(x * y),
        BinaryOperator.Div when y != 0 => checked(x / y),
        BinaryOperator.Mod when y != 0 => y == -1 ? 0L : x % y,
        _ => null,
    };

    private static object? Real(BinaryOperator op, double x, double y) => op switch
    {
        BinaryOperator.Add => x + y,
        BinaryOperator.Sub => x - y,
        BinaryOperator.Mul => x * y,
        BinaryOperator.Div when y != 0 => x / y,
        BinaryOperator.Mod when y != 0 => x % y,
        _ => null,
    };
}
