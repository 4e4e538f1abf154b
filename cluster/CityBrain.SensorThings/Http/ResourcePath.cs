using System.Text;

namespace CityBrain.SensorThings.Http;

/// <summary>One segment of a resource path: an entity set, navigation property or property name, with the key that
/// addresses one entity (<c>Things('device:gw-1')</c>), unquoted.</summary>
public sealed record PathSegment(string Name, string? Key);

/// <summary>The resource a URL addresses below the service root (OGC 18-088 §9.2): segments, then <c>$value</c> or
/// <c>$ref</c> at the end.</summary>
public sealed record ResourcePath(IReadOnlyList<PathSegment> Segments, bool Value, bool Ref)
{
    private const int MaxSegments = 16;

    /// <summary>Reads a path such as <c>Datastreams('x')/Observations/$ref</c>. Keys are quoted strings (a quote
    /// doubled inside) and may hold slashes; unquoted keys (numbers) are taken as they are.</summary>
    public static bool TryParse(string path, out ResourcePath resource, out string error)
    {
        resource = new ResourcePath([], false, false);
        var parts = Split(path, out error);
        if (parts is null) return false;
        var value = parts.Count > 0 && parts[^1] == "$value";
        var reference = parts.Count > 0 && parts[^1] == "$ref";
        if (value || reference) parts.RemoveAt(parts.Count - 1);
        if (parts.Count > MaxSegments)
        {
            error = $"the path has {parts.Count} segments; at most {MaxSegments} are followed";
            return false;
        }
        var segments = new List<PathSegment>();
        foreach (var part in parts)
        {
            if (!TryParseSegment(part, out var segment, out error)) return false;
            segments.Add(segment);
        }
        if (segments.Count == 0 && (value || reference))
        {
            error = $"{(value ? "$value" : "$ref")} needs a resource before it";
            return false;
        }
        resource = new ResourcePath(segments, value, reference);
        return true;
    }

    private static List<string>? Split(string path, out string error)
    {
        error = "";
        var parts = new List<string>();
        var current = new StringBuilder();
        var quoted = false;
        foreach (var c in path)
        {
            if (c == '\'') quoted = !quoted;
            if (c == '/' && !quoted)
            {
                parts.Add(current.ToString());
                current.Clear();
                continue;
            }
            current.Append(c);
        }
        if (quoted)
        {
            error = "a key's quote is not closed";
            return null;
        }
        parts.Add(current.ToString());
        // A trailing slash addresses the same resource.
        if (parts[^1].Length == 0) parts.RemoveAt(parts.Count - 1);
        if (parts.Any(p => p.Length == 0))
        {
            error = "the path has an empty segment (two slashes in a row)";
            return null;
        }
        return parts;
    }

    private static bool TryParseSegment(string text, out PathSegment segment, out string error)
    {
        segment = null!;
        error = "";
        var open = text.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            segment = new PathSegment(text, null);
            return true;
        }
        if (!text.EndsWith(')') || open == 0)
        {
            error = $"'{Show(text)}' is not Name or Name(key)";
            return false;
        }
        var key = text[(open + 1)..^1];
        if (key.Length >= 2 && key[0] == '\'' && key[^1] == '\'')
        {
            key = key[1..^1];
            if (key.Replace("''", "", StringComparison.Ordinal).Contains('\'', StringComparison.Ordinal))
            {
                error = $"the key of '{Show(text)}' has a lone quote inside; double it";
                return false;
            }
            key = key.Replace("''", "'", StringComparison.Ordinal);
        }
        else if (key.Length == 0 || key.Contains('\'', StringComparison.Ordinal))
        {
            error = $"the key of '{Show(text)}' is neither a quoted string nor a number";
            return false;
        }
        segment = new PathSegment(text[..open], key);
        return true;
    }

    /// <summary>Client text as it may appear in an error: cut short, control characters as code points.</summary>
    public static string Show(string text)
    {
        const int max = 80;
        var shown = string.Concat((text.Length > max ? text[..max] : text).Select(c => char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
        return text.Length > max ? shown + "…" : shown;
    }
}
