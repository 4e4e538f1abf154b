using CityBrain.Indicators.History;
using CityBrain.OpenData.Access;
using CityBrain.SensorThings.Data;
using CityBrain.SensorThings.Model;

namespace CityBrain.SensorThings.Http;

/// <summary>Follows a resource path through the caller's graph, segment by segment (OGC 18-088 §9.2.1–9.2.6).</summary>
public sealed class ResourceResolver(StaContext context, Func<OpenDataset, bool> mayRead)
{
    public async Task<Resolution> ResolveAsync(ResourcePath path, CancellationToken cancellationToken)
    {
        var first = path.Segments[0];
        if (!EntityTypes.TryGet(first.Name, out var type))
        {
            return new FailedResolution(404, $"there is no entity set '{ResourcePath.Show(first.Name)}'; the sets are " +
                string.Join(", ", EntityTypes.All.Select(t => t.SetName)));
        }
        Resolution current = first.Key is { } key ? await FindAsync(type, key, cancellationToken) : new CollectionResolution(context.Set(type));
        for (var i = 1; i < path.Segments.Count && current is CollectionResolution or EntityResolution; i++)
        {
            var segment = path.Segments[i];
            if (current is not EntityResolution { Entity: var entity })
            {
                return new FailedResolution(400, $"'{ResourcePath.Show(segment.Name)}' follows a collection; address one entity of it first, " +
                    $"e.g. {path.Segments[i - 1].Name}('…')/{ResourcePath.Show(segment.Name)}");
            }
            current = await StepAsync(entity, segment, i == path.Segments.Count - 1, cancellationToken);
        }
        return current;
    }

    private async Task<Resolution> StepAsync(StaEntity entity, PathSegment segment, bool last, CancellationToken cancellationToken)
    {
        if (entity.Type.Navigation(segment.Name) is { } navigation)
        {
            if (!navigation.IsCollection)
            {
                if (segment.Key is not null) return new FailedResolution(400, $"{segment.Name} of {entity} is one entity; it takes no key");
                return entity.Related(navigation).FirstOrDefault() is { } related
                    ? new EntityResolution(related)
                    : new FailedResolution(404, $"{entity} has no {segment.Name}");
            }
            if (segment.Key is not { } key) return new CollectionResolution(context.Related(entity, navigation));
            var found = await FindAsync(navigation.Target, key, cancellationToken);
            if (found is not EntityResolution { Entity: var member }) return found;
            return IsRelated(entity, navigation, member) ? found : new FailedResolution(404, $"{member} is not one of the {segment.Name} of {entity}");
        }
        if (segment.Name is "id" || entity.Type.HasProperty(segment.Name))
        {
            if (segment.Key is not null || !last)
            {
                return new FailedResolution(400, $"{segment.Name} is a property of {entity}; only $value may follow it");
            }
            return new PropertyResolution(entity, segment.Name);
        }
        return new FailedResolution(404, $"{entity.Type.SetName} have no property or navigation property '{ResourcePath.Show(segment.Name)}'; they have " +
            string.Join(", ", new[] { "id" }.Concat(entity.Type.Properties).Concat(entity.Type.Navigations.Select(n => n.Name))));
    }

    private static bool IsRelated(StaEntity entity, Navigation navigation, StaEntity member)
    {
        if (member.Type != EntityTypes.Observation) return entity.Related(navigation).Contains(member);
        // Observations are not held in memory; ask the other way round, from the Observation.
        var inverse = entity.Type == EntityTypes.Datastream ? "Datastream" : "FeatureOfInterest";
        return member.Related(EntityTypes.Observation.Navigation(inverse)!).Any(e => e.Id == entity.Id);
    }

    private async Task<Resolution> FindAsync(EntityType type, string id, CancellationToken cancellationToken)
    {
        if (await context.FindAsync(type, id, cancellationToken) is { } entity) return new EntityResolution(entity);
        if (Protecting(type, id) is { } dataset && !mayRead(dataset)) return new RefusedResolution(dataset);
        return new FailedResolution(404, $"{type.SetName}({StaIds.Key(id)}) does not exist");
    }

    /// <summary>The dataset an id would belong to, judged from the id alone, so that a refusal says the same whether or
    /// not the entity exists; null for entities everyone may see (ObservedProperties, procedures).</summary>
    private OpenDataset? Protecting(EntityType type, string id)
    {
        if (type == EntityTypes.ObservedProperty) return null;
        if (type == EntityTypes.Sensor) return id.StartsWith("sensor:", StringComparison.Ordinal) ? OpenDataset.DeviceRaw : null;
        if (type == EntityTypes.Observation) return StaIds.TryParseObservation(id, out var datastream, out _) ? Protecting(EntityTypes.Datastream, datastream) : null;
        if (type == EntityTypes.Datastream) return StaIds.TryParseDatastream(id, out var key) ? StaGraph.DatasetOf(key) : null;
        if (!StaIds.TryParsePlace(id, out var scope, out _)) return null;
        if (scope != HistoryScope.Device) return OpenDataset.Aggregates;
        // A device is visible to whoever reads either of its series.
        return mayRead(OpenDataset.DeviceRaw) ? OpenDataset.DeviceRaw : OpenDataset.DeviceHourly;
    }
}
