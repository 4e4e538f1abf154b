namespace CityBrain.SensorThings.Query;

/// <summary>The property paths an expression reads, so that a request naming an unknown property can be refused
/// before any result is written.</summary>
public static class ExpressionPaths
{
    /// <summary>Every distinct path, in order of first appearance.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> Of(Expression e)
    {
        var paths = new List<IReadOnlyList<string>>();
        Collect(e, paths);
        return paths;
    }

    private static void Collect(Expression e, List<IReadOnlyList<string>> paths)
    {
        switch (e)
        {
            case PropertyPathExpression path when !paths.Any(p => p.SequenceEqual(path.Segments, StringComparer.Ordinal)):
                paths.Add(path.Segments);
                break;
            case UnaryExpression unary:
                Collect(unary.Operand, paths);
                break;
            case BinaryExpression binary:
                Collect(binary.Left, paths);
                Collect(binary.Right, paths);
                break;
            case FunctionCallExpression call:
                foreach (var argument in call.Arguments)
                {
                    Collect(argument, paths);
                }

                break;
        }
    }
}
