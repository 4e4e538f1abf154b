namespace CityBrain.SensorThings.Query;

/// <summary>A parsed <c>$filter</c> or <c>$orderby</c> expression of the SensorThings query language (OData-derived,
/// OGC 18-088 §9.3.3.5). Evaluated against an <see cref="IStaEntity"/> by <see cref="FilterEvaluator"/>.</summary>
public abstract record Expression;

/// <summary>A constant. <see cref="Value"/> is one of: null, <see cref="bool"/>, <see cref="long"/>, <see cref="double"/>,
/// <see cref="string"/>, <see cref="DateTimeOffset"/>, <see cref="TimeInterval"/>, <see cref="TimeSpan"/> (a duration
/// literal) or a NetTopologySuite <c>Geometry</c> (from <c>geography'…'</c>).</summary>
public sealed record LiteralExpression(object? Value) : Expression;

/// <summary>A property of the entity, possibly across navigation properties and into JSON objects:
/// <c>Datastream/ObservedProperty/name</c> is ["Datastream", "ObservedProperty", "name"],
/// <c>properties/district</c> is ["properties", "district"].</summary>
public sealed record PropertyPathExpression(IReadOnlyList<string> Segments) : Expression;

public sealed record UnaryExpression(UnaryOperator Operator, Expression Operand) : Expression;

public sealed record BinaryExpression(BinaryOperator Operator, Expression Left, Expression Right) : Expression;

/// <summary>A built-in function such as <c>substringof</c>, <c>year</c>, <c>round</c> or <c>st_within</c>; the name is
/// lower-case as the standard writes it (<c>geo.intersects</c> keeps its dot).</summary>
public sealed record FunctionCallExpression(string Name, IReadOnlyList<Expression> Arguments) : Expression;

public enum UnaryOperator
{
    Not,
    Negate,
}

public enum BinaryOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    And,
    Or,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
}

/// <summary>An ISO 8601 interval <c>start/end</c> (end exclusive), the value of a phenomenonTime or resultTime that
/// spans a report window.</summary>
public readonly record struct TimeInterval(DateTimeOffset Start, DateTimeOffset End)
{
    public override string ToString() => $"{Start.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}/{End.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffZ}";
}
