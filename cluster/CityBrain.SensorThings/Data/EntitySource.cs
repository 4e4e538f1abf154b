using System.Runtime.CompilerServices;
using CityBrain.SensorThings.Model;

namespace CityBrain.SensorThings.Data;

/// <summary>A collection a request or an <c>$expand</c> reads: entities held in memory, or Observations read from
/// storage, Datastream after Datastream.</summary>
/// <param name="TimeOrdered">True for one Datastream's Observations: read in phenomenonTime order either way, so an
/// <c>$orderby</c> on time costs no sorting.</param>
public sealed record EntitySource(EntityType Type, Func<ObservationRange, CancellationToken, IAsyncEnumerable<StaEntity>> Read, bool TimeOrdered)
{
    public static EntitySource InMemory(EntityType type, IEnumerable<StaEntity> entities) => new(type, (_, _) => entities.ToAsyncEnumerable(), false);

    /// <summary>The Observations of <paramref name="datastreams"/>, one Datastream after the other.</summary>
    public static EntitySource Observations(StaGraph graph, ObservationReader reader, IReadOnlyList<StaEntity> datastreams) =>
        new(EntityTypes.Observation, (range, cancellationToken) => ReadAll(graph, reader, datastreams, range, cancellationToken), datastreams.Count == 1);

    private static async IAsyncEnumerable<StaEntity> ReadAll(StaGraph graph, ObservationReader reader, IReadOnlyList<StaEntity> datastreams,
        ObservationRange range, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var datastream in datastreams)
        {
            if (!graph.TryGetDatastream(datastream.Id, out var key)) continue;
            await foreach (var observation in reader.ReadAsync(graph, datastream.Id, key, range, cancellationToken)) yield return observation;
        }
    }
}
