using System.Runtime.CompilerServices;
using CityBrain.SensorThings.Data;
using CityBrain.SensorThings.Model;
using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Http;

/// <summary>Applies <c>$filter</c>, <c>$orderby</c>, <c>$skip</c> and <c>$top</c> to a collection as it is read. Time
/// bounds of the filter go down to storage; without <c>$orderby</c> (or ordered by time within one Datastream) the page
/// streams and reading stops after it; any other order keeps only the <c>$skip</c> + <c>$top</c> first entities.</summary>
public sealed class CollectionQuery(SensorThingsOptions options)
{
    /// <summary>The page size: the request's <c>$top</c> or the default, never above the maximum.</summary>
    public int TopOf(QueryOptions query) => Math.Min(query.Top ?? options.DefaultTop, options.MaxTop);

    public async Task<long> CountAsync(EntitySource source, QueryOptions query, CancellationToken cancellationToken)
    {
        long count = 0;
        await foreach (var _ in Matching(source, query, false, cancellationToken)) count++;
        return count;
    }

    /// <summary>The page, and one entity more when there is a next page.</summary>
    public IAsyncEnumerable<StaEntity> PageAsync(EntitySource source, QueryOptions query, int top, CancellationToken cancellationToken)
    {
        var skip = query.Skip ?? 0;
        if (query.OrderBy.Count == 0) return Matching(source, query, false, cancellationToken).Skip(skip).Take(top + 1);
        if (source.TimeOrdered && query.OrderBy is [{ Expression: PropertyPathExpression { Segments: ["phenomenonTime" or "resultTime"] } } order])
        {
            return Matching(source, query, order.Descending, cancellationToken).Skip(skip).Take(top + 1);
        }
        return SortedAsync(source, query, skip + (long)top + 1, cancellationToken).Skip(skip);
    }

    private static IAsyncEnumerable<StaEntity> Matching(EntitySource source, QueryOptions query, bool newestFirst, CancellationToken cancellationToken)
    {
        var range = source.Type == EntityTypes.Observation ? RangeOf(query.Filter) with { NewestFirst = newestFirst } : ObservationRange.All;
        var all = source.Read(range, cancellationToken);
        return query.Filter is { } filter ? all.Where(entity => FilterEvaluator.Matches(filter, entity)) : all;
    }

    /// <summary>Observations a filter can match overlap the bounds it sets on either time: a result time is the end of
    /// the phenomenon, so it bounds the phenomenon's overlap too.</summary>
    private static ObservationRange RangeOf(Expression? filter)
    {
        if (filter is null) return ObservationRange.All;
        var phenomenon = TimeBounds.Of(filter, "phenomenonTime");
        var result = TimeBounds.Of(filter, "resultTime");
        return new ObservationRange(Max(phenomenon.From, result.From), Min(phenomenon.To, result.To));
    }

    private static DateTimeOffset? Max(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static DateTimeOffset? Min(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>The first <paramref name="keep"/> matches in <c>$orderby</c> order, ties in reading order, holding no
    /// more than that many at a time: a heap whose top is the largest kept, replaced when a smaller one comes.</summary>
    private static async IAsyncEnumerable<StaEntity> SortedAsync(EntitySource source, QueryOptions query, long keep,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var order = new SortKeyComparer(query.OrderBy);
        var heap = new PriorityQueue<StaEntity, SortKey>(Comparer<SortKey>.Create((a, b) => order.Compare(b, a)));
        long index = 0;
        await foreach (var entity in Matching(source, query, false, cancellationToken))
        {
            var key = new SortKey([.. query.OrderBy.Select(item => FilterEvaluator.Evaluate(item.Expression, entity))], index++);
            if (heap.Count < keep) heap.Enqueue(entity, key);
            else heap.EnqueueDequeue(entity, key);
        }
        var sorted = new StaEntity[heap.Count];
        for (var i = sorted.Length - 1; i >= 0; i--) sorted[i] = heap.Dequeue();
        foreach (var entity in sorted) yield return entity;
    }

    private sealed record SortKey(object?[] Values, long Index);

    private sealed class SortKeyComparer(IReadOnlyList<OrderByItem> items) : IComparer<SortKey>
    {
        public int Compare(SortKey? x, SortKey? y)
        {
            for (var i = 0; i < items.Count; i++)
            {
                var order = StaValueComparer.Instance.Compare(x!.Values[i], y!.Values[i]);
                if (order != 0) return items[i].Descending ? -order : order;
            }
            return x!.Index.CompareTo(y!.Index);
        }
    }
}
