using System.Text.Json;

namespace CityBrain.Simulators.Fleet.Scenarios.Json;

/// <summary>Turns the JSON reader's exceptions, which speak of .NET types, into problems with a scenario field.</summary>
internal static class JsonErrors
{
    public static ScenarioError Describe(JsonException ex)
    {
        var field = ex.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "(file)";
        var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var name = Between(message, "property '", "'") ?? field;
            return new ScenarioError(field, $"'{name}' is not a field of a scenario here{line}; check its spelling");
        }
        if (Between(message, "could not be converted to ", ".") is { } type && ex.Path is not null)
        {
            return new ScenarioError(field, $"the value has the wrong type{line}: expected {Expected(type)}");
        }
        var reason = message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
        return new ScenarioError(field, $"the file is not valid JSON{line}: {reason}");
    }

    private static string Expected(string dotnetType) => dotnetType switch
    {
        _ when dotnetType.Contains("Int32", StringComparison.Ordinal) => "a whole number",
        _ when dotnetType.Contains("Double", StringComparison.Ordinal) => "a number",
        _ when dotnetType.Contains("List", StringComparison.Ordinal) => "a list in [ ]",
        _ when dotnetType.Contains("String", StringComparison.Ordinal) => "text in quotes",
        _ => "an object in { }",
    };

    private static string? Between(string text, string start, string end)
    {
        var i = text.IndexOf(start, StringComparison.Ordinal);
        if (i < 0) return null;
        i += start.Length;
        var j = text.IndexOf(end, i, StringComparison.Ordinal);
        return j < 0 ? null : text[i..j];
    }
}
