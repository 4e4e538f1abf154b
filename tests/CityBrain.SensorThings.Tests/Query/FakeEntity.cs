using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Tests.Query;

/// <summary>An entity made of two dictionaries: its properties and, per navigation property, its related entities.</summary>
internal sealed record FakeEntity(IReadOnlyDictionary<string, object?> Properties, IReadOnlyDictionary<string, IStaEntity[]> Navigations)
    : IStaEntity
{
    public FakeEntity(IReadOnlyDictionary<string, object?> properties)
        : this(properties, new Dictionary<string, IStaEntity[]>())
    {
    }

    public bool TryGetProperty(string name, out object? value) => Properties.TryGetValue(name, out value);

    public bool TryNavigate(string navigation, out IEnumerable<IStaEntity> related)
    {
        var found = Navigations.TryGetValue(navigation, out var entities);
        related = entities ?? [];
        return found;
    }
}

internal static class Filters
{
    public static Expression Parse(string text)
    {
        Assert.True(QueryOptionsParser.TryParseFilter(text, out var expression, out var error), error);
        return expression;
    }

    public static string Error(string text)
    {
        Assert.False(QueryOptionsParser.TryParseFilter(text, out _, out var error));
        return error;
    }

    public static bool Matches(string filter, IStaEntity entity) => FilterEvaluator.Matches(Parse(filter), entity);

    public static object? Evaluate(string expression, IStaEntity entity) => FilterEvaluator.Evaluate(Parse(expression), entity);

    /// <summary>The tree written out with every operation in parentheses (records holding lists do not compare by
    /// content, so trees are compared as this text).</summary>
    public static string Show(Expression e) => e switch
    {
        LiteralExpression { Value: string s } => $"'{s}'",
        LiteralExpression { Value: null } => "null",
        LiteralExpression { Value: bool b } => b ? "true" : "false",
        LiteralExpression { Value: IFormattable f } => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        LiteralExpression l => l.Value!.ToString()!,
        PropertyPathExpression p => string.Join("/", p.Segments),
        UnaryExpression u => $"({(u.Operator == UnaryOperator.Not ? "not " : "-")}{Show(u.Operand)})",
        BinaryExpression b => $"({Show(b.Left)} {b.Operator.ToString().ToLowerInvariant()} {Show(b.Right)})",
        FunctionCallExpression f => $"{f.Name}({string.Join(", ", f.Arguments.Select(Show))})",
        _ => throw new ArgumentOutOfRangeException(nameof(e)),
    };
}
