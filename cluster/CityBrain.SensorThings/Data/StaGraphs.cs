using System.Security.Claims;
using CityBrain.OpenData.Access;
using CityBrain.SensorThings.Model;
using Microsoft.Extensions.Options;

namespace CityBrain.SensorThings.Data;

/// <summary>The entity graph a caller sees, rebuilt from the grains at most every <see cref="SensorThingsOptions.CatalogMaxAge"/>
/// and kept once per combination of readable datasets (there are eight), so that walking the service costs one grain
/// round per period rather than one per request.</summary>
public sealed class StaGraphs(RegionDataLoader loader, IOpenDataAccess access, IOptions<SensorThingsOptions> options, TimeProvider time)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private Snapshot? _current;

    public async Task<StaGraph> ForAsync(ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        var readable = Enum.GetValues<OpenDataset>().Where(d => access.MayRead(caller, d)).ToHashSet();
        var mask = readable.Aggregate(0, (bits, d) => bits | (1 << (int)d));
        var snapshot = await CurrentAsync(cancellationToken);
        lock (snapshot.Graphs)
        {
            if (!snapshot.Graphs.TryGetValue(mask, out var graph)) snapshot.Graphs[mask] = graph = StaGraph.Build(snapshot.Data, readable.Contains);
            return graph;
        }
    }

    private async Task<Snapshot> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh(_current) is { } fresh) return fresh;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh(_current) is { } loaded) return loaded;
            var data = await loader.LoadAsync();
            return _current = new Snapshot(data, time.GetUtcNow(), []);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private Snapshot? Fresh(Snapshot? snapshot) =>
        snapshot is not null && time.GetUtcNow() - snapshot.LoadedAt < options.Value.CatalogMaxAge ? snapshot : null;

    private sealed record Snapshot(RegionData Data, DateTimeOffset LoadedAt, Dictionary<int, StaGraph> Graphs);
}
