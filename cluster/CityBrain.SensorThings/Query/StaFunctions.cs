namespace CityBrain.SensorThings.Query;

/// <summary>The built-in functions of the filter language (OGC 18-088 §9.3.3.5.2) with the number of arguments
/// each takes; the parser refuses any other name or count.</summary>
internal static class StaFunctions
{
    private static readonly Dictionary<string, (int Min, int Max)> Arity = new(StringComparer.Ordinal)
    {
        ["substringof"] = (2, 2),
        ["endswith"] = (2, 2),
        ["startswith"] = (2, 2),
        ["length"] = (1, 1),
        ["indexof"] = (2, 2),
        ["substring"] = (2, 3),
        ["tolower"] = (1, 1),
        ["toupper"] = (1, 1),
        ["trim"] = (1, 1),
        ["concat"] = (2, 2),
        ["year"] = (1, 1),
        ["month"] = (1, 1),
        ["day"] = (1, 1),
        ["hour"] = (1, 1),
        ["minute"] = (1, 1),
        ["second"] = (1, 1),
        ["fractionalseconds"] = (1, 1),
        ["date"] = (1, 1),
        ["time"] = (1, 1),
        ["totaloffsetminutes"] = (1, 1),
        ["now"] = (0, 0),
        ["mindatetime"] = (0, 1),
        ["maxdatetime"] = (0, 1),
        ["round"] = (1, 1),
        ["floor"] = (1, 1),
        ["ceiling"] = (1, 1),
        ["geo.distance"] = (2, 2),
        ["geo.length"] = (1, 1),
        ["geo.intersects"] = (2, 2),
        ["st_equals"] = (2, 2),
        ["st_disjoint"] = (2, 2),
        ["st_touches"] = (2, 2),
        ["st_within"] = (2, 2),
        ["st_overlaps"] = (2, 2),
        ["st_crosses"] = (2, 2),
        ["st_intersects"] = (2, 2),
        ["st_contains"] = (2, 2),
        ["st_relate"] = (3, 3),
    };

    public static bool IsFunction(string name) => Arity.ContainsKey(name);

    /// <summary>Null when the count fits, else the sentence fragment saying what the function takes.</summary>
    public static string? CheckArgumentCount(string name, int count)
    {
        var (min, max) = Arity[name];
        if (count >= min && count <= max)
        {
            return null;
        }

        var expected = min == max ? Arguments(min) : $"{min} or {max} arguments";
        return $"{name} takes {expected}, not {count}";
    }

    private static string Arguments(int n) => n == 1 ? "1 argument" : $"{n} arguments";
}
