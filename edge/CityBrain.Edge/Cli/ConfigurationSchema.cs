using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using CityBrain.Edge.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;

namespace CityBrain.Edge.Cli;

/// <summary>Holds the configuration against the options types before they are bound: a key no option has (a typo
/// the binder would silently skip) is named with its source and the closest setting, and values are read as a person
/// writes them: durations with a unit (<c>60s</c>, <c>5m</c>, <c>1h</c>, <c>500ms</c>, <c>1h30m</c>) or as
/// <c>00:01:00</c>, never a bare number (<c>"60"</c> would otherwise be 60 days); whole numbers also in hex
/// (<c>"0x44"</c>, as I2C addresses are printed). The known keys are the options types' public properties, so a new
/// option is known without a list to keep.</summary>
internal static class ConfigurationSchema
{
    /// <summary>Sections of the file besides <see cref="GatewayOptions.Section"/>; Logging is the host's own.</summary>
    private static readonly string[] TopLevel = [GatewayOptions.Section, "Logging"];

    /// <summary>Checks <paramref name="configuration"/> and rewrites durations and hex numbers into the binder's forms.</summary>
    /// <exception cref="ConfigurationException">Every problem found, in one sentence.</exception>
    public static void Apply(IConfiguration configuration, string path)
    {
        var problems = new List<string>();
        foreach (var top in configuration.GetChildren().Where(c => Source(configuration, c.Path, path) == $"in {path}"))
        {
            if (!TopLevel.Contains(top.Key, StringComparer.OrdinalIgnoreCase)) problems.Add(Unknown(configuration, top, TopLevel, path));
        }
        Walk(configuration, configuration.GetSection(GatewayOptions.Section), typeof(GatewayOptions), path, problems);
        if (problems.Count > 0) throw new ConfigurationException(string.Join("; ", problems));
    }

    private static void Walk(IConfiguration root, IConfigurationSection section, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties)] Type type,
        string path, List<string> problems)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite || IsCollection(p.PropertyType))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
        foreach (var child in section.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property)) Value(root, child, property.PropertyType, path, problems);
            else problems.Add(Unknown(root, child, properties.Keys, path));
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2067", Justification = "Every options type is bound by the configuration binding generator, which uses each public property, so the trimmer keeps them.")]
    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "As above: the options types' properties are kept by the generated binder.")]
    [UnconditionalSuppressMessage("Trimming", "IL2073", Justification = "As above.")]
    private static void Value(IConfiguration root, IConfigurationSection section, Type type, string path, List<string> problems)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (section.Value is { } text)
        {
            if (Problem(section, text, type) is { } problem) problems.Add($"{section.Path} {problem} ({Source(root, section.Path, path)})");
            return;
        }
        if (ElementType(type) is { } element)
        {
            foreach (var child in section.GetChildren()) Value(root, child, element, path, problems);
        }
        else if (type.IsClass && type != typeof(string))
        {
            Walk(root, section, type, path, problems);
        }
    }

    /// <summary>What is wrong with <paramref name="text"/> as a <paramref name="type"/>, having rewritten what a
    /// person writes into the binder's form; null when it is fine.</summary>
    private static string? Problem(IConfigurationSection section, string text, Type type)
    {
        if (type == typeof(TimeSpan))
        {
            if (!Duration.TryParse(text, out var duration, out var problem)) return $"'{text}' {problem}";
            section.Value = duration.ToString("c", CultureInfo.InvariantCulture);
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            var hex = text.Trim().StartsWith("0x", StringComparison.OrdinalIgnoreCase);
            if (!long.TryParse(hex ? text.Trim()[2..] : text, hex ? NumberStyles.AllowHexSpecifier : NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                || (type == typeof(int) && number is < int.MinValue or > int.MaxValue))
            {
                return section.Key.Equals("Address", StringComparison.OrdinalIgnoreCase)
                    ? $"'{text}' is not an I2C address: write it as printed, \"0x44\", or in decimal, 68"
                    : $"'{text}' is not a whole number";
            }
            section.Value = number.ToString(CultureInfo.InvariantCulture);
        }
        else if (type == typeof(double) && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _)) return $"'{text}' is not a number (write 0.5, with a point)";
        else if (type == typeof(bool) && !bool.TryParse(text, out _)) return $"'{text}' is not true or false";
        else if (type == typeof(DateOnly) && !DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)) return $"'{text}' is not a date like 2026-10-01";
        else if (type.IsEnum && !Enum.GetNames(type).Contains(text.Trim(), StringComparer.OrdinalIgnoreCase)) return $"'{text}' is not one of {string.Join(", ", Enum.GetNames(type))}";
        return null;
    }

    private static bool IsCollection(Type type) => ElementType(type) is not null;

    /// <summary>The element type of a list, array or dictionary by string (whose keys are free).</summary>
    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericTypeDefinition() is var definition && (definition == typeof(List<>) || definition == typeof(Dictionary<,>))
            ? type.GetGenericArguments()[^1]
            : null;

    private static string Unknown(IConfiguration root, IConfigurationSection section, IEnumerable<string> known, string path)
    {
        var closest = known.Select(k => (Key: k, Distance: Distance(k.ToUpperInvariant(), section.Key.ToUpperInvariant()))).OrderBy(k => k.Distance).FirstOrDefault();
        var hint = closest.Key is not null && closest.Distance <= Math.Max(2, section.Key.Length / 3)
            ? $"did you mean {closest.Key}?"
            : $"the settings there are {string.Join(", ", known)}";
        return $"{section.Path} is not a setting ({Source(root, section.Path, path)}): {hint}";
    }

    /// <summary>Where a key comes from, in the words of the place a technician would correct it.</summary>
    private static string Source(IConfiguration configuration, string key, string path)
    {
        if (configuration is not IConfigurationRoot root) return $"in {path}";
        var provider = root.Providers.Reverse().FirstOrDefault(p => p.TryGet(key, out _) || p.GetChildKeys([], key).Any());
        return provider switch
        {
            EnvironmentVariablesConfigurationProvider => $"from the environment variable {GatewayConfiguration.EnvironmentPrefix}{key.Replace(":", "__", StringComparison.Ordinal)}",
            CommandLineConfigurationProvider => "on the command line",
            _ => $"in {path}",
        };
    }

    /// <summary>Edit distance (insertions, deletions, substitutions) between two keys.</summary>
    private static int Distance(string a, string b)
    {
        var row = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                row[j] = Math.Min(Math.Min(row[j] + 1, row[j - 1] + 1), diagonal + (a[i - 1] == b[j - 1] ? 0 : 1));
                diagonal = above;
            }
        }
        return row[b.Length];
    }
}
