using System.Globalization;

namespace CityBrain.SensorThings.Query;

/// <summary>Reads the query options of a request (OGC 18-088 §9.3): <c>$filter</c>, <c>$orderby</c>,
/// <c>$select</c>, <c>$expand</c> (nested, with its own <c>;</c>-separated options), <c>$top</c>, <c>$skip</c> and
/// <c>$count</c>. Every refusal is one sentence naming the option and what is wrong with it; nothing throws.</summary>
public static class QueryOptionsParser
{
    /// <summary>How deep <c>$expand</c> items may nest inside each other.</summary>
    public const int MaxExpandDepth = 10;

    /// <summary>Longest value of one option, in characters (a <c>$expand</c> carries its nested filters).</summary>
    public const int MaxOptionLength = 4 * FilterParser.MaxLength;

    private static readonly string[] Known = ["$filter", "$orderby", "$select", "$expand", "$top", "$skip", "$count"];

    public static bool TryParse(IEnumerable<KeyValuePair<string, string?>> query, out QueryOptions options, out string error)
    {
        try
        {
            options = Parse(query.Where(p => p.Key.StartsWith('$')), "", 0);
            error = "";
            return true;
        }
        catch (QueryOptionException e)
        {
            options = QueryOptions.None;
            error = e.Message;
            return false;
        }
    }

    public static bool TryParseFilter(string text, out Expression expression, out string error)
    {
        try
        {
            expression = FilterParser.ParseFilter(text);
            error = "";
            return true;
        }
        catch (FilterSyntaxException e)
        {
            expression = new LiteralExpression(null);
            error = SyntaxSentence("$filter", text, e);
            return false;
        }
    }

    private static QueryOptions Parse(IEnumerable<KeyValuePair<string, string?>> pairs, string context, int depth)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in pairs)
        {
            if (!Known.Contains(key, StringComparer.Ordinal))
            {
                throw new QueryOptionException(
                    $"{context}'{Shorten(key)}' is not a SensorThings query option (the options are {string.Join(", ", Known)}).");
            }

            if (values.ContainsKey(key))
            {
                throw new QueryOptionException($"{context}{key} is given more than once.");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                throw new QueryOptionException($"{context}{key} has no value.");
            }

            if (value.Length > MaxOptionLength)
            {
                throw new QueryOptionException($"{context}{key} is longer than {MaxOptionLength} characters.");
            }

            values[key] = value;
        }

        return new QueryOptions(
            Filter: values.TryGetValue("$filter", out var filter) ? Syntax(context + "$filter", filter, FilterParser.ParseFilter) : null,
            OrderBy: values.TryGetValue("$orderby", out var orderBy) ? Syntax(context + "$orderby", orderBy, FilterParser.ParseOrderBy) : [],
            Select: values.TryGetValue("$select", out var select) ? ParseSelect(context, select) : null,
            Expand: values.TryGetValue("$expand", out var expand) ? ParseExpand(context, expand, depth) : [],
            Top: values.TryGetValue("$top", out var top) ? ParseCount(context + "$top", top) : null,
            Skip: values.TryGetValue("$skip", out var skip) ? ParseCount(context + "$skip", skip) : null,
            Count: values.TryGetValue("$count", out var count) ? ParseBoolean(context + "$count", count) : null);
    }

    private static T Syntax<T>(string option, string text, Func<string, T> parse)
    {
        try
        {
            return parse(text);
        }
        catch (FilterSyntaxException e)
        {
            throw new QueryOptionException(SyntaxSentence(option, text, e));
        }
    }

    private static string SyntaxSentence(string option, string text, FilterSyntaxException e)
    {
        var at = e.Position < text.Length ? $" at character {e.Position + 1}" : " at its end";
        return $"{option} is not valid{at}: {e.Message}.";
    }

    private static int ParseCount(string option, string text)
    {
        if (text.Length == 0 || !text.All(char.IsAsciiDigit))
        {
            throw new QueryOptionException($"{option} must be a non-negative integer, not '{Shorten(text)}'.");
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new QueryOptionException($"{option} must be at most {int.MaxValue}, not {Shorten(text)}.");
    }

    private static bool ParseBoolean(string option, string text) => text.ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => throw new QueryOptionException($"{option} must be true or false, not '{Shorten(text)}'."),
    };

    private static IReadOnlyList<string> ParseSelect(string context, string text)
    {
        var names = text.Split(',').Select(n => n.Trim()).ToList();
        var bad = names.FindIndex(n => !IsName(n));
        return bad < 0
            ? names
            : throw new QueryOptionException(names[bad].Length == 0
                ? $"{context}$select has an empty item (item {bad + 1})."
                : $"{context}$select item '{Shorten(names[bad])}' is not a property or navigation name.");
    }

    private static IReadOnlyList<ExpandItem> ParseExpand(string context, string text, int depth)
    {
        if (depth >= MaxExpandDepth)
        {
            throw new QueryOptionException($"{context}$expand nests deeper than {MaxExpandDepth} levels.");
        }

        var items = new List<ExpandItem>();
        foreach (var (item, start) in SplitTopLevel(context + "$expand", text, ','))
        {
            var open = item.IndexOf('(');
            var pathText = (open < 0 ? item : item[..open]).Trim();
            var path = pathText.Split('/');
            if (path.Any(s => !IsName(s)))
            {
                throw new QueryOptionException(
                    $"{context}$expand item '{Shorten(item.Trim())}' at character {start + 1} does not start with a navigation path such as Datastreams/Observations.");
            }

            var itemContext = $"{context}$expand item '{pathText}': ";
            var options = QueryOptions.None;
            if (open >= 0)
            {
                var body = item[(open + 1)..].TrimEnd();
                if (!body.EndsWith(')'))
                {
                    throw new QueryOptionException($"{itemContext}the options must end with ')' and nothing may follow it.");
                }

                options = Parse(ParseExpandOptions(itemContext, body[..^1]), itemContext, depth + 1);
            }

            items.Add(new ExpandItem(path, options));
        }

        return items;
    }

    private static IEnumerable<KeyValuePair<string, string?>> ParseExpandOptions(string context, string body)
    {
        foreach (var (part, _) in SplitTopLevel(context + "the options", body, ';'))
        {
            var equals = part.IndexOf('=');
            var name = (equals < 0 ? part : part[..equals]).Trim();
            if (!name.StartsWith('$'))
            {
                throw new QueryOptionException($"{context}'{Shorten(part.Trim())}' is not a query option of the form $name=value.");
            }

            yield return new KeyValuePair<string, string?>(name, equals < 0 ? null : part[(equals + 1)..].Trim());
        }
    }

    /// <summary>The parts of <paramref name="text"/> between separators that are outside parentheses and quoted
    /// strings, each with the index of its first character; an unbalanced parenthesis or quote is refused.</summary>
    private static List<(string Part, int Start)> SplitTopLevel(string what, string text, char separator)
    {
        var parts = new List<(string, int)>();
        var depth = 0;
        var quoted = false;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                quoted = !quoted;
            }
            else if (quoted)
            {
                continue;
            }
            else if (c == '(')
            {
                depth++;
            }
            else if (c == ')' && --depth < 0)
            {
                throw new QueryOptionException($"{what} has a ')' without a matching '(' at character {i + 1}.");
            }
            else if (c == separator && depth == 0)
            {
                parts.Add((text[start..i], start));
                start = i + 1;
            }
        }

        if (quoted || depth > 0)
        {
            throw new QueryOptionException($"{what} has an unclosed {(quoted ? "quote" : "'('")}.");
        }

        parts.Add((text[start..], start));
        return parts;
    }

    private static bool IsName(string name) =>
        name.Length > 0 && FilterLexer.IsIdentifierStart(name[0]) && name.All(FilterLexer.IsIdentifierPart);

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";

    private sealed class QueryOptionException(string sentence) : Exception(sentence);
}
