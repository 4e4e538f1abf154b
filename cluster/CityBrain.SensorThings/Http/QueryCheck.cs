using CityBrain.SensorThings.Model;
using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Http;

/// <summary>Checks parsed query options against the entity type they apply to, before anything is read or written: a
/// property the type does not have is a 400 naming it, never an empty result or a half-written stream.</summary>
public static class QueryCheck
{
    /// <summary>Null when the options fit <paramref name="type"/> (and every <c>$expand</c> its target), else why not.</summary>
    public static string? Problem(EntityType type, QueryOptions options)
    {
        if (options.Filter is { } filter && PathProblem(type, filter, "$filter") is { } filterProblem) return filterProblem;
        foreach (var order in options.OrderBy)
        {
            if (PathProblem(type, order.Expression, "$orderby") is { } orderProblem) return orderProblem;
        }
        if (options.Select is { } select)
        {
            foreach (var name in select)
            {
                if (name is not ("id" or "@iot.id") && !type.HasProperty(name) && type.Navigation(name) is null)
                {
                    return $"$select names '{ResourcePath.Show(name)}', which {type.SetName} do not have; they have {Members(type)}";
                }
            }
        }
        foreach (var item in options.Expand)
        {
            var current = type;
            foreach (var name in item.Path)
            {
                if (current.Navigation(name) is not { } navigation)
                {
                    return $"$expand names '{ResourcePath.Show(name)}', which is not a navigation property of {current.SetName}; " +
                        $"theirs are {string.Join(", ", current.Navigations.Select(n => n.Name))}";
                }
                current = navigation.Target;
            }
            if (Problem(current, item.Options) is { } inner) return $"in $expand={string.Join('/', item.Path)}: {inner}";
        }
        return null;
    }

    private static string? PathProblem(EntityType type, Expression expression, string option)
    {
        foreach (var path in ExpressionPaths.Of(expression))
        {
            if (PathProblem(type, path, 0, option) is { } problem) return problem;
        }
        return null;
    }

    private static string? PathProblem(EntityType type, IReadOnlyList<string> path, int index, string option)
    {
        var name = path[index];
        var last = index == path.Count - 1;
        if (name is "id" or "@iot.id") return last ? null : $"{option}: id has no properties of its own";
        if (type.HasProperty(name))
        {
            if (last || type.JsonProperties.Contains(name)) return null;
            return $"{option}: {type.Name} property '{name}' is not an object, so '{string.Join('/', path)}' names nothing";
        }
        if (type.Navigation(name) is { } navigation)
        {
            if (last) return $"{option}: '{string.Join('/', path)}' ends at the navigation property {name}; name a property of it, e.g. {name}/id";
            if (navigation.IsCollection && navigation.TargetSet == EntityTypes.Observation.SetName)
            {
                return $"{option}: a path across {type.SetName}' Observations is not supported; query the Observations themselves, e.g. " +
                    $"/{type.SetName}('…')/Observations?$filter=…";
            }
            return PathProblem(navigation.Target, path, index + 1, option);
        }
        return $"{option} names '{ResourcePath.Show(name)}', which {type.SetName} do not have; they have {Members(type)}";
    }

    private static string Members(EntityType type) =>
        string.Join(", ", new[] { "id" }.Concat(type.Properties).Concat(type.Navigations.Select(n => n.Name)));
}
