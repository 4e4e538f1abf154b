using System.Text.Json.Nodes;

namespace CityBrain.Host.Cockpit;

/// <summary>The live stream's compact updates: what changed in a region since the last event, in the manner of a JSON
/// merge patch (RFC 7386: members with new values, nested objects patched member by member, <c>null</c> for a member
/// that is gone). A plain merge patch replaces a changed array whole, and a region's children are an array, so one new
/// reading anywhere would resend every child; here an array whose items all carry distinct string <c>id</c>s is patched
/// as an object keyed by those ids, its order kept under <see cref="OrderKey"/>. The page applies the same rules
/// (<c>src/live/streamPatch.ts</c>).</summary>
public static class StreamPatch
{
    public const string OrderKey = "#order";

    /// <summary>The form patches are computed on: arrays of items with distinct ids become objects keyed by id.</summary>
    public static JsonNode? Keyed(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Keyed(p.Value)))),
        JsonArray a when Ids(a) is { } ids => KeyedArray(a, ids),
        JsonArray a => new JsonArray([.. a.Select(Keyed)]),
        _ => node?.DeepClone(),
    };

    /// <summary>The JSON a <see cref="Keyed"/> form stands for.</summary>
    public static JsonNode? Unkeyed(JsonNode? node) => node switch
    {
        JsonObject o when o[OrderKey] is JsonArray order => new JsonArray([.. order.Select(id => Unkeyed(o[id!.GetValue<string>()]))]),
        JsonObject o => new JsonObject(o.Select(p => KeyValuePair.Create(p.Key, Unkeyed(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Unkeyed)]),
        _ => node?.DeepClone(),
    };

    /// <summary>The patch that turns <paramref name="from"/> into <paramref name="to"/> (both keyed), or null when they are
    /// equal.</summary>
    public static JsonObject? Diff(JsonObject from, JsonObject to)
    {
        var patch = new JsonObject();
        foreach (var (name, value) in to)
        {
            if (from.TryGetPropertyValue(name, out var old) && JsonNode.DeepEquals(old, value)) continue;
            patch[name] = old is JsonObject before && value is JsonObject after ? Diff(before, after) : value?.DeepClone();
        }
        foreach (var (name, _) in from)
        {
            if (!to.ContainsKey(name)) patch[name] = null;
        }
        return patch.Count == 0 ? null : patch;
    }

    /// <summary>Applies a patch to a keyed form in place, as the page does.</summary>
    public static JsonObject Apply(JsonObject target, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (value is null) target.Remove(name);
            else if (value is JsonObject changes) target[name] = Apply(target[name] as JsonObject ?? [], changes);
            else target[name] = value.DeepClone();
        }
        return target;
    }

    private static List<string>? Ids(JsonArray array)
    {
        if (array.Count == 0) return null;
        var ids = new List<string>(array.Count);
        foreach (var item in array)
        {
            if (item is not JsonObject o || o["id"] is not JsonValue v || !v.TryGetValue<string>(out var id) || id == OrderKey) return null;
            ids.Add(id);
        }
        return ids.Distinct(StringComparer.Ordinal).Count() == ids.Count ? ids : null;
    }

    private static JsonObject KeyedArray(JsonArray array, List<string> ids)
    {
        var keyed = new JsonObject { [OrderKey] = new JsonArray([.. ids.Select(id => JsonValue.Create(id))]) };
        for (var i = 0; i < ids.Count; i++) keyed[ids[i]] = Keyed(array[i]);
        return keyed;
    }
}
