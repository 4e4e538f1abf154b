using CityBrain.SensorThings.Model;

namespace CityBrain.SensorThings.Data;

/// <summary>What one request reads from: the caller's graph and the Observations behind its Datastreams.</summary>
public sealed class StaContext(StaGraph graph, ObservationReader reader)
{
    public StaGraph Graph { get; } = graph;

    public EntitySource Set(EntityType type) => type == EntityTypes.Observation
        ? EntitySource.Observations(Graph, reader, Graph.Set(EntityTypes.Datastream))
        : EntitySource.InMemory(type, Graph.Set(type));

    /// <summary>The entities a navigation property of <paramref name="entity"/> leads to.</summary>
    public EntitySource Related(StaEntity entity, Navigation navigation)
    {
        if (navigation.TargetSet != EntityTypes.Observation.SetName) return EntitySource.InMemory(navigation.Target, entity.Related(navigation));
        // A FeatureOfInterest is the place of a Thing of the same id: its Observations are those of the Thing's Datastreams.
        IReadOnlyList<StaEntity> datastreams = entity.Type == EntityTypes.Datastream
            ? [entity]
            : Graph.Find(EntityTypes.Thing, entity.Id) is { } thing ? [.. thing.Related(EntityTypes.Thing.Navigation("Datastreams")!)] : [];
        return EntitySource.Observations(Graph, reader, datastreams);
    }

    /// <summary>An entity by id among those the caller may see; null when there is none.</summary>
    public async Task<StaEntity?> FindAsync(EntityType type, string id, CancellationToken cancellationToken)
    {
        if (type != EntityTypes.Observation) return Graph.Find(type, id);
        if (!StaIds.TryParseObservation(id, out var datastreamId, out var number) || !Graph.TryGetDatastream(datastreamId, out var key)) return null;
        return await reader.FindAsync(Graph, datastreamId, key, number, cancellationToken);
    }
}
