using System.Text.Json;

namespace CityBrain.Simulators.Fleet.Scenarios.Json;

/// <summary>Turns the JSON reader's exceptions, which speak of .NET types, into problems with a scenario field.</summary>
internal static class JsonErrors
{
    public static ScenarioError Describe(JsonException ex)
    {
        var field = ex.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : "(file)";
        var line = ex.LineNumber is { } l ? $" (line {l + 1})" : "";
        if (ex.Message.Contains("could not be converted to", StringComparison.Ordinal) && ExpectedAt(field) is { } expected)
        {
            return new ScenarioError(field, $"the value has the wrong type{line}: expected {expected}");
        }
        var reason = ex.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].TrimEnd('.', ' ');
        return new ScenarioError(field, $"the file is not valid JSON{line}: {reason}");
    }

    /// <summary>What the document holds at <paramref name="field"/> (e.g. <c>districts[0].gateways</c>), found by walking
    /// the document types: the reader's own message names only the enclosing object.</summary>
    private static string? ExpectedAt(string field)
    {
        var type = typeof(ScenarioDocument);
        foreach (var segment in field.Split('.'))
        {
            var name = segment.Split('[')[0];
            var property = type.GetProperty(name, System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.IgnoreCase);
            if (property is null) return null;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            if (segment.Contains('[') && type.IsGenericType) type = type.GetGenericArguments()[0];
        }
        return type switch
        {
            _ when type == typeof(int) => "a whole number",
            _ when type == typeof(double) => "a number",
            _ when type == typeof(string) => "text in quotes",
            _ when type.IsGenericType => "a list in [ ]",
            _ => "an object in { }",
        };
    }
}
