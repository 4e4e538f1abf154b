using System.Runtime.CompilerServices;

namespace CityBrain.SensorThings.Query;

/// <summary>Recursive descent over the OData precedence (loosest first): or, and, not, eq/ne, gt/ge/lt/le,
/// add/sub, mul/div/mod, unary minus, primary. <c>not</c> takes a whole comparison as in SQL, so
/// <c>not name eq 'x'</c> is <c>not (name eq 'x')</c>.</summary>
internal sealed class FilterParser
{
    /// <summary>Deepest nesting of parentheses, function calls and prefix operators a filter may have.</summary>
    public const int MaxDepth = 100;

    /// <summary>Longest filter or orderby text accepted, in characters.</summary>
    public const int MaxLength = 10_000;

    private readonly FilterLexer _lexer;
    private Token _current;
    private int _depth;

    private FilterParser(string text)
    {
        _lexer = new FilterLexer(text);
        _current = _lexer.Next();
    }

    public static Expression ParseFilter(string text)
    {
        var parser = Start(text);
        var expression = parser.ParseOr();
        parser.ExpectEnd();
        return expression;
    }

    public static IReadOnlyList<OrderByItem> ParseOrderBy(string text)
    {
        var parser = Start(text);
        var items = new List<OrderByItem>();
        while (true)
        {
            var expression = parser.ParseOr();
            var descending = false;
            if (parser.IsKeyword("asc") || parser.IsKeyword("desc"))
            {
                descending = parser._current.Text == "desc";
                parser.Advance();
            }

            items.Add(new OrderByItem(expression, descending));
            if (parser._current.Kind != TokenKind.Comma)
            {
                break;
            }

            parser.Advance();
        }

        parser.ExpectEnd();
        return items;
    }

    private static FilterParser Start(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FilterSyntaxException(0, "it is empty");
        }

        return text.Length > MaxLength
            ? throw new FilterSyntaxException(MaxLength, $"it is longer than {MaxLength} characters")
            : new FilterParser(text);
    }

    private void ExpectEnd()
    {
        if (_current.Kind == TokenKind.CloseParen)
        {
            throw new FilterSyntaxException(_current.Position, "this ')' has no matching '('");
        }

        if (_current.Kind != TokenKind.End)
        {
            throw new FilterSyntaxException(_current.Position, $"expected an operator or the end, found {Describe(_current)}");
        }
    }

    private Expression ParseOr() => Nested(() => ParseBinaryLevel(ParseAnd, ("or", BinaryOperator.Or)));

    private Expression ParseAnd() => ParseBinaryLevel(ParseNot, ("and", BinaryOperator.And));

    private Expression ParseNot()
    {
        if (!IsKeyword("not"))
        {
            return ParseEquality();
        }

        Advance();
        return Nested(() => new UnaryExpression(UnaryOperator.Not, ParseNot()));
    }

    private Expression ParseEquality() => ParseBinaryLevel(ParseRelational, ("eq", BinaryOperator.Eq), ("ne", BinaryOperator.Ne));

    private Expression ParseRelational() => ParseBinaryLevel(
        ParseAdditive, ("gt", BinaryOperator.Gt), ("ge", BinaryOperator.Ge), ("lt", BinaryOperator.Lt), ("le", BinaryOperator.Le));

    private Expression ParseAdditive() => ParseBinaryLevel(ParseMultiplicative, ("add", BinaryOperator.Add), ("sub", BinaryOperator.Sub));

    private Expression ParseMultiplicative() => ParseBinaryLevel(
        ParseUnary, ("mul", BinaryOperator.Mul), ("div", BinaryOperator.Div), ("mod", BinaryOperator.Mod));

    private Expression ParseBinaryLevel(Func<Expression> operand, params (string Keyword, BinaryOperator Operator)[] operators)
    {
        var left = operand();
        while (true)
        {
            var match = Array.FindIndex(operators, o => IsKeyword(o.Keyword));
            if (match < 0)
            {
                return left;
            }

            Advance();
            left = new BinaryExpression(operators[match].Operator, left, operand());
        }
    }

    private Expression ParseUnary()
    {
        if (_current.Kind == TokenKind.Minus)
        {
            Advance();
            return Nested<Expression>(() => ParseUnary() switch
            {
                LiteralExpression { Value: long n } when n != long.MinValue => new LiteralExpression(-n),
                LiteralExpression { Value: double d } => new LiteralExpression(-d),
                LiteralExpression { Value: TimeSpan t } => new LiteralExpression(-t),
                var operand => new UnaryExpression(UnaryOperator.Negate, operand),
            });
        }

        // 'not' as an operand (after a comparison operator) binds to that operand only.
        if (IsKeyword("not"))
        {
            Advance();
            return Nested(() => new UnaryExpression(UnaryOperator.Not, ParseUnary()));
        }

        return ParsePrimary();
    }

    private Expression ParsePrimary()
    {
        var token = _current;
        switch (token.Kind)
        {
            case TokenKind.Literal:
                Advance();
                return new LiteralExpression(token.Value);
            case TokenKind.OpenParen:
                Advance();
                var inner = ParseOr();
                if (_current.Kind != TokenKind.CloseParen)
                {
                    throw new FilterSyntaxException(
                        _current.Position,
                        $"expected ')' to close the '(' at character {token.Position + 1}, found {Describe(_current)}");
                }

                Advance();
                return inner;
            case TokenKind.Identifier:
                return ParseNamed();
            default:
                throw new FilterSyntaxException(token.Position, $"expected a value, a property or a function, found {Describe(token)}");
        }
    }

    private Expression ParseNamed()
    {
        var first = _current;
        Advance();
        switch (first.Text)
        {
            case "null":
                return new LiteralExpression(null);
            case "true":
                return new LiteralExpression(true);
            case "false":
                return new LiteralExpression(false);
        }

        if (_current.Kind == TokenKind.OpenParen)
        {
            return ParseFunction(first);
        }

        if (IsOperatorKeyword(first.Text))
        {
            throw new FilterSyntaxException(first.Position, $"expected a value, a property or a function, found the operator '{first.Text}'");
        }

        var segments = new List<string> { first.Text };
        while (_current.Kind == TokenKind.Slash)
        {
            Advance();
            // An array index inside a JSON value (properties/tags/0) arrives as a number.
            var isIndex = _current is { Kind: TokenKind.Literal, Value: long index } && index >= 0;
            if (_current.Kind != TokenKind.Identifier && !isIndex)
            {
                throw new FilterSyntaxException(_current.Position, $"expected a property name after '/', found {Describe(_current)}");
            }

            segments.Add(_current.Text);
            Advance();
        }

        return new PropertyPathExpression(segments);
    }

    private Expression ParseFunction(Token name)
    {
        var function = name.Text.ToLowerInvariant();
        if (!StaFunctions.IsFunction(function))
        {
            throw new FilterSyntaxException(name.Position, $"'{name.Text}' is not a function of the SensorThings filter language");
        }

        var open = _current;
        Advance();
        return Nested(() =>
        {
            var arguments = new List<Expression>();
            if (_current.Kind != TokenKind.CloseParen)
            {
                arguments.Add(ParseOr());
                while (_current.Kind == TokenKind.Comma)
                {
                    Advance();
                    arguments.Add(ParseOr());
                }
            }

            if (_current.Kind != TokenKind.CloseParen)
            {
                throw new FilterSyntaxException(
                    _current.Position,
                    $"expected ',' or ')' in the call of {function} opened at character {open.Position + 1}, found {Describe(_current)}");
            }

            Advance();
            var countProblem = StaFunctions.CheckArgumentCount(function, arguments.Count);
            return countProblem is null
                ? new FunctionCallExpression(function, arguments)
                : throw new FilterSyntaxException(name.Position, countProblem);
        });
    }

    private T Nested<T>(Func<T> parse)
    {
        if (++_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw new FilterSyntaxException(_current.Position, $"it nests deeper than {MaxDepth} levels");
        }

        var result = parse();
        _depth--;
        return result;
    }

    private bool IsKeyword(string keyword) => _current.Kind == TokenKind.Identifier && _current.Text == keyword;

    private static bool IsOperatorKeyword(string text) =>
        text is "eq" or "ne" or "gt" or "ge" or "lt" or "le" or "and" or "or" or "not" or "add" or "sub" or "mul" or "div" or "mod";

    private void Advance() => _current = _lexer.Next();

    private static string Describe(Token token) => token.Kind switch
    {
        TokenKind.End => "the end of the text",
        TokenKind.Literal => $"the value {token.Text}",
        TokenKind.Identifier => $"'{token.Text}'",
        _ => $"'{token.Text}'",
    };
}
