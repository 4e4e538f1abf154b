namespace CityBrain.SensorThings.Query;

/// <summary>A closed time range; a null end is unbounded. A value lies within it when it touches it: an instant t
/// when From ≤ t ≤ To, an interval when start ≤ To and end ≥ From.</summary>
public readonly record struct TimeRange(DateTimeOffset? From, DateTimeOffset? To)
{
    public static TimeRange Unbounded { get; } = new(null, null);

    /// <summary>Whether an instant (start = end) or interval touches the range; an interval that ends before it
    /// starts counts as its start, as it does in comparisons.</summary>
    public bool Contains(TimeInterval span) =>
        (To is not { } to || span.Start <= to) && (From is not { } from || (span.End > span.Start ? span.End : span.Start) >= from);

    /// <summary>The range of values in both ranges.</summary>
    public TimeRange Intersect(TimeRange other) => new(Later(From, other.From), Earlier(To, other.To));

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTimeOffset? Earlier(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;
}

/// <summary>Conservative bounds on a time property implied by a filter, for pushing a time range down into
/// storage: every entity the filter matches has its value within the range (the range may hold more). Only the
/// filter's top-level <c>and</c> terms of the form <c>property op literal</c> or <c>literal op property</c> (op one
/// of eq, gt, ge, lt, le; the literal an instant or interval) narrow it; anything else leaves it unbounded.</summary>
public static class TimeBounds
{
    public static TimeRange Of(Expression? filter, string property)
    {
        var segments = property.Split('/');
        return Terms(filter).Aggregate(TimeRange.Unbounded, (range, term) => range.Intersect(Bound(term, segments)));
    }

    private static IEnumerable<Expression> Terms(Expression? filter) => filter switch
    {
        null => [],
        BinaryExpression { Operator: BinaryOperator.And } and => Terms(and.Left).Concat(Terms(and.Right)),
        _ => [filter],
    };

    private static TimeRange Bound(Expression term, string[] property) => term switch
    {
        BinaryExpression { Left: PropertyPathExpression path, Right: LiteralExpression literal } b when Is(path, property) =>
            Bound(b.Operator, literal.Value),
        BinaryExpression { Left: LiteralExpression literal, Right: PropertyPathExpression path } b when Is(path, property) =>
            Bound(Mirror(b.Operator), literal.Value),
        _ => TimeRange.Unbounded,
    };

    private static bool Is(PropertyPathExpression path, string[] property) => path.Segments.SequenceEqual(property, StringComparer.Ordinal);

    // Follows TemporalOrder: a value v with "v gt L" lies wholly after L, so it touches [L.End, ∞); "v ge L" is
    // "gt or eq", and eq means containment or equality, so v reaches L.Start at least; lt and le mirror these.
    private static TimeRange Bound(BinaryOperator op, object? literal) => (StaValues.Bounds(literal), op) switch
    {
        ({ } l, BinaryOperator.Eq) => new TimeRange(l.Start, l.End),
        ({ } l, BinaryOperator.Gt) => new TimeRange(l.End, null),
        ({ } l, BinaryOperator.Ge) => new TimeRange(l.Start, null),
        ({ } l, BinaryOperator.Lt) => new TimeRange(null, l.Start),
        ({ } l, BinaryOperator.Le) => new TimeRange(null, l.End),
        _ => TimeRange.Unbounded,
    };

    private static BinaryOperator Mirror(BinaryOperator op) => op switch
    {
        BinaryOperator.Gt => BinaryOperator.Lt,
        BinaryOperator.Ge => BinaryOperator.Le,
        BinaryOperator.Lt => BinaryOperator.Gt,
        BinaryOperator.Le => BinaryOperator.Ge,
        _ => op,
    };
}
