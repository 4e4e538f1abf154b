using System.Runtime.CompilerServices;
using System.Text.Json;

namespace CityBrain.SensorThings.Query;

/// <summary>Evaluates a parsed expression against one entity. A path that crosses a to-many navigation has many
/// values; a comparison or predicate function over it holds when it holds for any one of them (so
/// <c>Datastreams/name eq 'a' and Datastreams/name eq 'b'</c> needs a datastream of each name, not one of both).
/// Never throws on data: a missing value, a type mismatch or an impossible operation is null, and a comparison
/// with null is false — except <c>eq null</c> / <c>ne null</c> written literally, which test for a missing value.</summary>
public static class FilterEvaluator
{
    /// <summary>Most values a to-many path, or the combinations of several, are expanded to for one entity; a
    /// bound on the work one hostile filter can cause.</summary>
    public const int MaxCombinations = 100_000;

    public static bool Matches(Expression filter, IStaEntity entity) => Matches(filter, entity, TimeProvider.System);

    /// <summary>As <see cref="Matches(Expression, IStaEntity)"/>, with <c>now()</c> read from <paramref name="time"/>.</summary>
    public static bool Matches(Expression filter, IStaEntity entity, TimeProvider time) =>
        IsTrue(new Evaluation(entity, time).Evaluate(filter));

    public static object? Evaluate(Expression e, IStaEntity entity) => Evaluate(e, entity, TimeProvider.System);

    /// <summary>The value of an expression for one entity (what <c>$orderby</c> sorts by). A path with many values
    /// gives the smallest of them in <see cref="StaValueComparer"/> order.</summary>
    public static object? Evaluate(Expression e, IStaEntity entity, TimeProvider time) =>
        new Evaluation(entity, time).Evaluate(e) switch
        {
            Candidates many => many.Values.Min(StaValueComparer.Instance),
            var value => value,
        };

    private static bool IsTrue(object? value) => value is true || (value is Candidates many && many.Values.Any(v => v is true));

    /// <summary>The values of an expression that reaches across a to-many navigation.</summary>
    private sealed record Candidates(IReadOnlyList<object?> Values);

    private sealed class Evaluation(IStaEntity entity, TimeProvider time)
    {
        public object? Evaluate(Expression e)
        {
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                return null;
            }

            return e switch
            {
                LiteralExpression literal => literal.Value,
                PropertyPathExpression path => Resolve(path.Segments),
                UnaryExpression { Operator: UnaryOperator.Not } not => !IsTrue(Evaluate(not.Operand)),
                UnaryExpression negate => Map([Evaluate(negate.Operand)], a => StaValues.Negate(a[0])),
                BinaryExpression { Operator: BinaryOperator.And } and => IsTrue(Evaluate(and.Left)) && IsTrue(Evaluate(and.Right)),
                BinaryExpression { Operator: BinaryOperator.Or } or => IsTrue(Evaluate(or.Left)) || IsTrue(Evaluate(or.Right)),
                BinaryExpression binary => Binary(binary),
                FunctionCallExpression call => Map([.. call.Arguments.Select(Evaluate)], a => StaFunctions.Apply(call.Name, a, time)),
                _ => null,
            };
        }

        private object? Binary(BinaryExpression binary)
        {
            var op = binary.Operator;
            if (op is BinaryOperator.Eq or BinaryOperator.Ne && (IsNullLiteral(binary.Left) || IsNullLiteral(binary.Right)))
            {
                var other = Evaluate(IsNullLiteral(binary.Left) ? binary.Right : binary.Left);
                return Map([other], a => (a[0] is null) == (op == BinaryOperator.Eq));
            }

            var operands = new[] { Evaluate(binary.Left), Evaluate(binary.Right) };
            return op is BinaryOperator.Eq or BinaryOperator.Ne or BinaryOperator.Gt or BinaryOperator.Ge or BinaryOperator.Lt or BinaryOperator.Le
                ? Map(operands, a => StaValues.Compare(op, a[0], a[1]))
                : Map(operands, a => StaValues.Arithmetic(op, a[0], a[1]));
        }

        private static bool IsNullLiteral(Expression e) => e is LiteralExpression { Value: null };

        /// <summary>Applies <paramref name="f"/> to the operands, or to every combination of their values when some
        /// have many (up to <see cref="MaxCombinations"/>).</summary>
        private static object? Map(object?[] operands, Func<object?[], object?> f)
        {
            if (!operands.Any(o => o is Candidates))
            {
                return f(operands);
            }

            var choices = operands.Select(o => o is Candidates many ? many.Values : [o]).ToArray();
            var results = new List<object?>();
            var index = new int[choices.Length];
            while (results.Count < MaxCombinations)
            {
                results.Add(f([.. choices.Select((c, i) => c[index[i]])]));
                var position = choices.Length - 1;
                while (position >= 0 && ++index[position] == choices[position].Count)
                {
                    index[position--] = 0;
                }

                if (position < 0)
                {
                    break;
                }
            }

            return new Candidates(results);
        }

        /// <summary>The values at the end of a path: navigation segments lead to related entities, a JSON value
        /// (properties, parameters, …) is entered by key (or by index for an array); the last segment is a property.</summary>
        private object? Resolve(IReadOnlyList<string> segments)
        {
            var current = new List<object?> { entity };
            for (var i = 0; i < segments.Count && current.Count > 0; i++)
            {
                var last = i == segments.Count - 1;
                var next = new List<object?>();
                foreach (var item in current)
                {
                    Step(item, segments[i], last, next);
                    if (next.Count >= MaxCombinations)
                    {
                        break;
                    }
                }

                current = next;
            }

            return current.Count switch
            {
                0 => null,
                1 => current[0],
                _ => new Candidates(current),
            };
        }

        private static void Step(object? item, string segment, bool last, List<object?> next)
        {
            switch (item)
            {
                case IStaEntity related when !last && related.TryNavigate(segment, out var targets):
                    next.AddRange(targets.Take(MaxCombinations - next.Count));
                    break;
                case IStaEntity related when related.TryGetProperty(segment, out var value):
                    next.Add(StaValues.Normalize(value));
                    break;
                case JsonElement { ValueKind: JsonValueKind.Object } json
                    when json.TryGetProperty(segment, out var child):
                    next.Add(StaValues.Normalize(child));
                    break;
                case JsonElement { ValueKind: JsonValueKind.Array } json
                    when int.TryParse(segment, out var index) && index >= 0 && index < json.GetArrayLength():
                    next.Add(StaValues.Normalize(json[index]));
                    break;
            }
        }
    }
}
