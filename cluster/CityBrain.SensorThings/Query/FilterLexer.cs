using System.Text.RegularExpressions;

namespace CityBrain.SensorThings.Query;

internal enum TokenKind
{
    Identifier,
    Literal,
    OpenParen,
    CloseParen,
    Comma,
    Slash,
    Minus,
    End,
}

/// <summary>One token of a filter; <see cref="Position"/> is the 0-based index of its first character.</summary>
internal readonly record struct Token(TokenKind Kind, int Position, string Text, object? Value = null);

/// <summary>Thrown inside the parser only and turned into an error sentence by its entry points, so that the
/// recursive descent can give up from any depth without threading failures through every return value.</summary>
internal sealed class FilterSyntaxException(int position, string problem) : Exception(problem)
{
    public int Position { get; } = position;
}

/// <summary>Splits a filter into tokens. Literals (numbers, strings, datetimes, intervals, times of day, typed
/// literals) are converted here, so the parser only sees finished values.</summary>
internal sealed partial class FilterLexer(string text)
{
    private int _position;

    public Token Next()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position]))
        {
            _position++;
        }

        if (_position >= text.Length)
        {
            return new Token(TokenKind.End, _position, "");
        }

        var start = _position;
        var c = text[_position];
        var punctuation = c switch
        {
            '(' => TokenKind.OpenParen,
            ')' => TokenKind.CloseParen,
            ',' => TokenKind.Comma,
            '/' => TokenKind.Slash,
            '-' => TokenKind.Minus,
            _ => (TokenKind?)null,
        };
        if (punctuation is { } kind)
        {
            _position++;
            return new Token(kind, start, c.ToString());
        }

        if (c == '\'')
        {
            var content = ReadQuoted(start);
            return new Token(TokenKind.Literal, start, Source(start), content);
        }

        if (char.IsAsciiDigit(c))
        {
            return ReadNumberOrTime(start);
        }

        if (IsIdentifierStart(c))
        {
            while (_position < text.Length && IsIdentifierPart(text[_position]))
            {
                _position++;
            }

            var name = text[start.._position];
            if (_position < text.Length && text[_position] == '\'')
            {
                return ReadTypedLiteral(start, name);
            }

            return new Token(TokenKind.Identifier, start, name);
        }

        throw new FilterSyntaxException(start, $"the character '{c}' is not allowed here");
    }

    private string Source(int start) => text[start.._position];

    internal static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c is '_' or '@';

    // A '-' inside a name is unambiguous: the language has no binary minus (subtraction is 'sub'), so JSON keys
    // such as properties/serial-number stay reachable.
    internal static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '@' or '.' or '-';

    private string ReadQuoted(int start)
    {
        var builder = new System.Text.StringBuilder();
        _position++;
        while (_position < text.Length)
        {
            var c = text[_position++];
            if (c != '\'')
            {
                builder.Append(c);
                continue;
            }

            if (_position < text.Length && text[_position] == '\'')
            {
                builder.Append('\'');
                _position++;
                continue;
            }

            return builder.ToString();
        }

        throw new FilterSyntaxException(start, "the string that starts here is not closed with a quote");
    }

    private Token ReadTypedLiteral(int start, string prefix)
    {
        var quoteAt = _position;
        var body = ReadQuoted(quoteAt);
        var value = prefix.ToLowerInvariant() switch
        {
            "geography" or "geometry" => (object?)StaLiterals.Geometry(body),
            "duration" => StaLiterals.Duration(body),
            _ => throw new FilterSyntaxException(start, $"'{prefix}' is not a literal type (geography'…', geometry'…' and duration'…' are)"),
        };
        return value is null
            ? throw new FilterSyntaxException(quoteAt, $"'{body}' is not a valid {prefix.ToLowerInvariant()} literal")
            : new Token(TokenKind.Literal, start, Source(start), value);
    }

    private Token ReadNumberOrTime(int start)
    {
        var dateTime = DateTimePattern().Match(text, start);
        if (dateTime.Success)
        {
            _position = start + dateTime.Length;
            var from = StaLiterals.DateTime(dateTime.Value)
                ?? throw new FilterSyntaxException(start, $"'{dateTime.Value}' is not a valid date or time");
            if (_position >= text.Length || text[_position] != '/')
            {
                return new Token(TokenKind.Literal, start, dateTime.Value, from);
            }

            var end = DateTimePattern().Match(text, _position + 1);
            var to = end.Success ? StaLiterals.DateTime(end.Value) : null;
            if (to is null)
            {
                throw new FilterSyntaxException(_position + 1, "an interval needs a date and time after the '/'");
            }

            if (to < from)
            {
                throw new FilterSyntaxException(start, "the interval ends before it starts");
            }

            _position = end.Index + end.Length;
            return new Token(TokenKind.Literal, start, text[start.._position], new TimeInterval(from, to.Value));
        }

        var timeOfDay = TimeOfDayPattern().Match(text, start);
        if (timeOfDay.Success)
        {
            _position = start + timeOfDay.Length;
            return TimeSpan.TryParse(timeOfDay.Value, System.Globalization.CultureInfo.InvariantCulture, out var time) && time < TimeSpan.FromDays(1)
                ? new Token(TokenKind.Literal, start, timeOfDay.Value, time)
                : throw new FilterSyntaxException(start, $"'{timeOfDay.Value}' is not a valid time of day");
        }

        var number = NumberPattern().Match(text, start);
        _position = start + number.Length;
        if (_position < text.Length && IsIdentifierPart(text[_position]))
        {
            throw new FilterSyntaxException(start, $"'{text[start..Math.Min(text.Length, _position + 1)]}' is not a valid number");
        }

        return new Token(TokenKind.Literal, start, number.Value, StaLiterals.Number(number.Value));
    }

    // The date alone (midnight UTC), or date and time with optional seconds, fraction and zone. A space is accepted
    // in place of '+' in the offset because an unencoded '+' in a URL query arrives as a space.
    [GeneratedRegex(@"\G\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+\- ]\d{2}:\d{2})?)?", RegexOptions.CultureInvariant)]
    private static partial Regex DateTimePattern();

    [GeneratedRegex(@"\G\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDayPattern();

    [GeneratedRegex(@"\G\d+(\.\d+)?([eE][+\-]?\d+)?", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
