using CityBrain.Regions;
using CityBrain.Supervision.Cases;
using Microsoft.Extensions.Options;

namespace CityBrain.Supervision.Options;

/// <summary>Answers "which department handles this kind of case here" and "who supervises this place" by walking up
/// the region tree to the nearest place the configuration names.</summary>
public sealed class SupervisionDirectory(IOptions<SupervisionOptions> options, RegionTree tree)
{
    public SupervisionOptions Options => options.Value;

    public RegionTree Tree => tree;

    public DepartmentOptions? Department(string? id) => id is null ? null : options.Value.Departments.FirstOrDefault(d => d.Id == id);

    /// <summary>The department assigned to <paramref name="kind"/> at <paramref name="regionId"/> or its nearest
    /// ancestor; null when no place up the tree assigns one.</summary>
    public DepartmentOptions? DepartmentFor(CaseKind kind, string regionId) =>
        Nearest(regionId, id => options.Value.Assignments.FirstOrDefault(a => Names(a.Region, id) && CaseKinds.TryParse(a.Kind, out var k) && k == kind)) is { } assignment
            ? Department(assignment.Department)
            : null;

    public IReadOnlyList<string> SupervisorsOf(string regionId) =>
        Nearest(regionId, id => options.Value.Supervisors.FirstOrDefault(s => Names(s.Region, id)))?.Recipients ?? [];

    /// <summary>An entry without a region is the root's, so a default configuration fits any tree.</summary>
    private bool Names(string configured, string id) => configured == id || (configured.Length == 0 && id == tree.Root.Id);

    private T? Nearest<T>(string regionId, Func<string, T?> at) where T : class
    {
        for (var id = regionId; id is not null; id = tree.ParentOf(id)?.Id)
        {
            if (at(id) is { } found) return found;
        }
        return null;
    }
}
