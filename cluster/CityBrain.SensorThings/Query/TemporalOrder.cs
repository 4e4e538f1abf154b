namespace CityBrain.SensorThings.Query;

/// <summary>How instants and intervals compare. Both are spans: an instant is the point t, an interval
/// <c>start/end</c> the instants from start (inclusive) to end (exclusive); an interval with start = end is that
/// point. <c>x lt y</c>: every instant of x is before every instant of y. <c>x eq y</c>: two points are equal,
/// a point and an interval when the interval contains the point, two intervals when their bounds are equal.
/// <c>le</c> is <c>lt or eq</c>, <c>ge</c> is <c>gt or eq</c>, <c>ne</c> is <c>not eq</c>. So for an interval
/// and an instant t: <c>gt t</c> starts after t, <c>ge t</c> ends after t, <c>lt t</c> ends at or before t,
/// <c>le t</c> starts at or before t, <c>eq t</c> contains t; and <c>ge a and le b</c> overlaps [a, b].</summary>
internal static class TemporalOrder
{
    public static bool Holds(BinaryOperator op, TimeInterval x, TimeInterval y) => op switch
    {
        BinaryOperator.Eq => Equal(x, y),
        BinaryOperator.Ne => !Equal(x, y),
        BinaryOperator.Lt => Before(x, y),
        BinaryOperator.Gt => Before(y, x),
        BinaryOperator.Le => Before(x, y) || Equal(x, y),
        BinaryOperator.Ge => Before(y, x) || Equal(x, y),
        _ => false,
    };

    private static bool IsPoint(TimeInterval span) => span.Start >= span.End;

    private static bool Before(TimeInterval x, TimeInterval y) => IsPoint(x) ? x.Start < y.Start : x.End <= y.Start;

    private static bool Equal(TimeInterval x, TimeInterval y) => (IsPoint(x), IsPoint(y)) switch
    {
        (true, true) => x.Start == y.Start,
        (true, false) => y.Start <= x.Start && x.Start < y.End,
        (false, true) => x.Start <= y.Start && y.Start < x.End,
        (false, false) => x.Start == y.Start && x.End == y.End,
    };
}
