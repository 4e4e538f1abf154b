using System.Collections.Frozen;

namespace CityBrain.Regions;

/// <summary>The loaded region tree with its lookups, shared by everything that needs to know where a place sits.
/// Ids are unique across the whole tree, so one id names one place at any depth.</summary>
public sealed class RegionTree
{
    private readonly FrozenDictionary<string, RegionNode> _nodes;
    private readonly FrozenDictionary<string, RegionNode> _parents;

    /// <param name="timeZone">IANA zone of the tree's hours and days (one zone for the whole tree: a province of China
    /// keeps one clock, and hours of children and parents must line up to be summed).</param>
    public RegionTree(RegionNode root, string timeZone)
    {
        Root = root;
        TimeZone = timeZone;
        var nodes = new Dictionary<string, RegionNode>(StringComparer.Ordinal);
        var parents = new Dictionary<string, RegionNode>(StringComparer.Ordinal);
        var stack = new Stack<RegionNode>([root]);
        while (stack.TryPop(out var node))
        {
            if (!nodes.TryAdd(node.Id, node)) throw new ArgumentException($"region id '{node.Id}' appears twice in the tree", nameof(root));
            foreach (var child in node.Children)
            {
                parents[child.Id] = node;
                stack.Push(child);
            }
        }
        _nodes = nodes.ToFrozenDictionary(StringComparer.Ordinal);
        _parents = parents.ToFrozenDictionary(StringComparer.Ordinal);
        Leaves = [.. Walk(root).Where(n => n.IsLeaf)];
    }

    public RegionNode Root { get; }

    public string TimeZone { get; }

    /// <summary>Every leaf (where devices register), in the file's order.</summary>
    public IReadOnlyList<RegionNode> Leaves { get; }

    public bool TryFind(string id, out RegionNode node) => _nodes.TryGetValue(id, out node!);

    public bool Contains(string id) => _nodes.ContainsKey(id);

    public bool IsLeaf(string id) => _nodes.TryGetValue(id, out var node) && node.IsLeaf;

    /// <summary>The node one level up; null for the root and for an unknown id.</summary>
    public RegionNode? ParentOf(string id) => _parents.GetValueOrDefault(id);

    /// <summary>From the root down to <paramref name="id"/> included: the page's breadcrumbs. Empty for an unknown id.</summary>
    public IReadOnlyList<RegionNode> PathTo(string id)
    {
        if (!_nodes.TryGetValue(id, out var node)) return [];
        var path = new List<RegionNode> { node };
        while (_parents.TryGetValue(path[^1].Id, out var parent)) path.Add(parent);
        path.Reverse();
        return path;
    }

    /// <summary>Whether <paramref name="id"/> is <paramref name="ancestorId"/> or lies below it.</summary>
    public bool IsWithin(string id, string ancestorId)
    {
        for (var current = id; current is not null; current = _parents.GetValueOrDefault(current)?.Id)
        {
            if (current == ancestorId) return true;
        }
        return false;
    }

    /// <summary>Every node below and including <paramref name="node"/>, parents before children.</summary>
    public static IEnumerable<RegionNode> Walk(RegionNode node)
    {
        var queue = new Queue<RegionNode>([node]);
        while (queue.TryDequeue(out var next))
        {
            yield return next;
            foreach (var child in next.Children) queue.Enqueue(child);
        }
    }
}
