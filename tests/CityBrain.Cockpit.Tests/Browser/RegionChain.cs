using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.Cockpit.Tests.Browser;

/// <summary>A place of the region tree, as the page names it in English.</summary>
public sealed record Place(string Id, string Name, string Level);

/// <summary>The way down the host's region tree from the root to a leaf, always by the first child, read from
/// <c>GET /api/regions</c>, so the tests follow whatever tree the host was given.</summary>
public static class RegionChain
{
    public static async Task<IReadOnlyList<Place>> FirstChildrenAsync(RunningHost host)
    {
        using var tree = JsonDocument.Parse(await host.Http.GetStringAsync("/api/regions"));
        var chain = new List<Place>();
        for (var node = tree.RootElement.GetProperty("root"); ; node = node.GetProperty("children")[0])
        {
            chain.Add(new Place(node.GetProperty("id").GetString()!, node.GetProperty("name").GetString()!, node.GetProperty("level").GetString()!));
            if (node.GetProperty("children").GetArrayLength() == 0) return chain;
        }
    }

    public static string PathOf(Place place) => $"/regions/{Uri.EscapeDataString(place.Id)}";
}
