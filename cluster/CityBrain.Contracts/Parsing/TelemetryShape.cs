using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Parsing;

/// <summary>The shape of a version 1 telemetry payload, checked token by token before the serializer sees it. The
/// serializer alone would keep the last of two equal keys, ignore a misspelt optional field and read nothing after
/// the first JSON value; this pass refuses each of those, and says which property is wrong in words a gateway
/// developer can act on. It reads only: values are converted by the serializer and judged by
/// <see cref="WireFormat"/> afterwards.</summary>
internal static class TelemetryShape
{
    private enum Kind
    {
        Integer,
        OptionalInteger,
        Text,
        OptionalText,
        OptionalNumber,

        /// <summary>Required, but may be null.</summary>
        NullableNumber,
        Timestamp,
        Quantity,
        Quality,
        Readings,
    }

    private static readonly (string Name, Kind Kind)[] Top =
    [
        ("version", Kind.Integer),
        ("deviceId", Kind.Text),
        ("sequence", Kind.Integer),
        ("timestamp", Kind.Timestamp),
        ("windowSeconds", Kind.Integer),
        ("readings", Kind.Readings),
    ];

    private static readonly (string Name, Kind Kind)[] ReadingFields =
    [
        ("quantity", Kind.Quantity),
        ("value", Kind.NullableNumber),
        ("unit", Kind.Text),
        ("quality", Kind.Quality),
        ("sensor", Kind.Text),
        ("min", Kind.OptionalNumber),
        ("max", Kind.OptionalNumber),
        ("count", Kind.OptionalInteger),
        ("reason", Kind.OptionalText),
    ];

    private static readonly string[] Qualities = [.. Enum.GetValues<Quality>().Select(q => q.ToString().ToLowerInvariant())];

    /// <summary>The allowed range of each integer property, and why.</summary>
    private static (long Min, long Max, string Why) IntegerRange(string name) => name switch
    {
        "sequence" => (0, WireFormat.MaxSequence, " (2^53 - 1, the largest integer every JSON reader keeps exact)"),
        "windowSeconds" => (1, WireFormat.MaxWindowSeconds, ": a report summarises at most one hour"),
        "count" => (0, int.MaxValue, ""),
        "version" => (Telemetry.CurrentVersion, Telemetry.CurrentVersion, ""),
        _ => (long.MinValue, long.MaxValue, ""),
    };

    /// <summary>Null when the payload has the shape of a version 1 report (or is not JSON at all: the serializer's
    /// message names the position); otherwise why not.</summary>
    public static Rejection? Check(ReadOnlySequence<byte> utf8)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8);
            if (!reader.Read()) return null;
            return reader.TokenType == JsonTokenType.StartObject
                ? Object(ref reader, Top, "", "at the top level") ?? Rest(ref reader)
                : new Rejection(RejectionKind.Malformed, $"payload is {Describe(reader.TokenType)}; a telemetry report is an object");
        }
        catch (JsonException)
        {
            return null;
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or ArgumentException)
        {
            // Invalid UTF-8 or a lone surrogate escape inside a string: the reader refuses to turn it into text.
            return new Rejection(RejectionKind.Malformed, $"payload holds text that is not valid UTF-8 or UTF-16: {ex.Message}");
        }
    }

    /// <summary>Nothing may follow the report: the serializer would silently ignore a second object.</summary>
    private static Rejection? Rest(ref Utf8JsonReader reader)
    {
        try
        {
            if (!reader.Read()) return null;
        }
        catch (JsonException)
        {
            // The reader refuses a second value outright.
        }
        return new Rejection(RejectionKind.Malformed, "payload continues after the report object; send exactly one JSON object per message");
    }

    private static Rejection? Object(ref Utf8JsonReader reader, (string Name, Kind Kind)[] fields, string path, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (Text(ref reader, $"a property name {where}", out var name) is { } badName) return badName;
            if (!seen.Add(name))
            {
                return new Rejection(RejectionKind.DuplicateProperty,
                    $"property '{Show(name)}' appears twice {where}; each property may be given once (a JSON reader would silently keep only one of them)");
            }
            var index = Array.FindIndex(fields, f => f.Name == name);
            if (index < 0)
            {
                return new Rejection(RejectionKind.UnknownProperty,
                    $"unknown property '{Show(name)}' {where}; version {Telemetry.CurrentVersion} allows only {string.Join(", ", fields.Select(f => f.Name))}");
            }
            reader.Read();
            if (Value(ref reader, fields[index].Kind, path + name, name) is { } bad) return bad;
        }
        foreach (var (name, kind) in fields)
        {
            if (seen.Contains(name) || IsOptional(kind)) continue;
            var hint = name == "value" ? " (a reading without a value writes \"value\": null)" : "";
            return new Rejection(RejectionKind.MissingField, $"the required property '{name}' is missing {where}{hint}");
        }
        return null;
    }

    private static bool IsOptional(Kind kind) => kind is Kind.OptionalInteger or Kind.OptionalText or Kind.OptionalNumber;

    private static Rejection? Value(ref Utf8JsonReader reader, Kind kind, string path, string name)
    {
        var token = reader.TokenType;
        if (token == JsonTokenType.Null)
        {
            // An optional property written as null means "not given", as the serializer reads it.
            return IsOptional(kind) || kind == Kind.NullableNumber
                ? null
                : new Rejection(RejectionKind.MissingField, $"{path} is null; it is required");
        }
        switch (kind)
        {
            case Kind.Integer or Kind.OptionalInteger:
                return token == JsonTokenType.Number ? Integer(ref reader, path, name) : NotA(path, "whole number", token);
            case Kind.OptionalNumber or Kind.NullableNumber:
                if (token != JsonTokenType.Number) return NotA(path, kind == Kind.NullableNumber ? "number or null" : "number", token);
                return reader.TryGetDouble(out var number) && double.IsFinite(number)
                    ? null
                    : new Rejection(RejectionKind.NonFiniteValue, $"{path} {Raw(ref reader)} is not a finite number");
            case Kind.Text or Kind.OptionalText:
                return token == JsonTokenType.String ? Text(ref reader, path, out _) : NotA(path, "string", token);
            case Kind.Timestamp:
                return token == JsonTokenType.String ? Timestamp(ref reader, path) : NotA(path, "string (an ISO 8601 UTC time)", token);
            case Kind.Quantity:
                if (token != JsonTokenType.String) return NotA(path, "string", token);
                if (Text(ref reader, path, out var quantity) is { } badQuantity) return badQuantity;
                return Quantities.TryParse(quantity, out _)
                    ? null
                    : new Rejection(RejectionKind.UnknownQuantity,
                        $"{path}: unknown quantity '{Show(quantity)}' (known: {string.Join(", ", Quantities.All.Select(q => q.WireName))})");
            case Kind.Quality:
                if (token != JsonTokenType.String) return NotA(path, "string", token);
                if (Text(ref reader, path, out var quality) is { } badQuality) return badQuality;
                return Qualities.Contains(quality, StringComparer.Ordinal)
                    ? null
                    : new Rejection(RejectionKind.Malformed, $"{path}: unknown quality '{Show(quality)}' (known: {string.Join(", ", Qualities)})");
            case Kind.Readings:
                return token == JsonTokenType.StartArray ? Readings(ref reader) : NotA(path, "array of readings", token);
            default:
                return null;
        }
    }

    private static Rejection? Readings(ref Utf8JsonReader reader)
    {
        var index = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var path = $"readings[{index}]";
            if (index == WireFormat.MaxReadings)
            {
                return new Rejection(RejectionKind.TooLarge, $"more than {WireFormat.MaxReadings} readings exceed the limit of {WireFormat.MaxReadings}");
            }
            if (reader.TokenType != JsonTokenType.StartObject) return NotA(path, "reading object", reader.TokenType);
            if (Object(ref reader, ReadingFields, path + ".", "in " + path) is { } bad) return bad;
            index++;
        }
        return null;
    }

    private static Rejection? Integer(ref Utf8JsonReader reader, string path, string name)
    {
        var (min, max, why) = IntegerRange(name);
        if (reader.TryGetInt64(out var value))
        {
            if (value >= min && value <= max) return null;
            if (name == "version") return null; // another version: the version check names it
            return new Rejection(RejectionKind.OutOfRange, value < 0 && min == 0
                ? $"{path} {value} is negative; allowed is {min}..{max}{why}"
                : $"{path} {value} is outside {min}..{max}{why}");
        }
        var raw = Raw(ref reader);
        // A whole number too large for 64 bits is still a whole number, just out of range.
        var digits = raw.TrimStart('-');
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            return new Rejection(RejectionKind.OutOfRange, $"{path} {raw} is outside {min}..{max}{why}");
        }
        return new Rejection(RejectionKind.Malformed, $"{path} {raw} is not a whole number (write it without a fraction or exponent)");
    }

    /// <summary>The string at the reader, unless it is not text at all (invalid UTF-8, a lone surrogate escape).</summary>
    private static Rejection? Text(ref Utf8JsonReader reader, string path, out string text)
    {
        try
        {
            text = reader.GetString() ?? "";
            return null;
        }
        catch (InvalidOperationException)
        {
            text = "";
            return new Rejection(RejectionKind.Malformed, $"{path} is not valid text: it holds invalid UTF-8 or a lone UTF-16 surrogate");
        }
    }

    private static Rejection? Timestamp(ref Utf8JsonReader reader, string path)
    {
        if (Text(ref reader, path, out var text) is { } bad) return bad;
        // The serializer reads a time without a zone in the host's own zone, so the same bytes would mean different
        // instants on different machines: a report must say which zone it is in (UTC, so "Z" or "+00:00").
        var t = text.IndexOf('T', StringComparison.Ordinal);
        if (t <= 0 || !(text.EndsWith('Z') || text.IndexOfAny(['+', '-'], t) > 0))
        {
            return new Rejection(RejectionKind.NotUtc,
                $"{path} '{Show(text)}' has no time zone; write a UTC date and time such as 2026-11-23T08:00:00Z");
        }
        return reader.TryGetDateTimeOffset(out _)
            ? null
            : new Rejection(RejectionKind.Malformed,
                $"{path} '{Show(text)}' is not an ISO 8601 date and time within the years 0001..9999, such as 2026-11-23T08:00:00Z");
    }

    private static Rejection NotA(string path, string what, JsonTokenType token) =>
        new(RejectionKind.Malformed, $"{path} must be a {what}, not {Describe(token)}");

    private static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static string Raw(ref Utf8JsonReader reader)
    {
        var bytes = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan.ToArray();
        return Show(Encoding.UTF8.GetString(bytes));
    }

    /// <summary>Untrusted text as it may appear in a reason (which ends up in logs and on the ops page): cut short, and
    /// control, format (bidirectional) and line-break characters written as code points.</summary>
    internal static string Show(string text)
    {
        const int max = 40;
        var builder = new StringBuilder();
        foreach (var c in text.Length > max ? text[..max] : text)
        {
            if (IsHidden(c)) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            else builder.Append(c);
        }
        return text.Length > max ? builder.Append('…').ToString() : builder.ToString();
    }

    /// <summary>Characters that change how the text around them is shown instead of showing themselves.</summary>
    internal static bool IsHidden(char c) => char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Surrogate;
}
