using System.Text.Json;
using CityBrain.SensorThings.Data;
using CityBrain.SensorThings.Json;
using CityBrain.SensorThings.Model;
using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Http;

/// <summary>Writes entities with their <c>$select</c> and <c>$expand</c>, and pages of collections, straight to the
/// response: the writer is flushed whenever a few kilobytes are pending, so a long page never sits in memory.</summary>
public sealed class EntityWriter(StaContext context, CollectionQuery query, string serviceRoot)
{
    private const int FlushBytes = 32 * 1024;

    public async Task WriteEntityAsync(Utf8JsonWriter writer, StaEntity entity, QueryOptions options, CancellationToken cancellationToken)
    {
        writer.WriteStartObject();
        StaJsonWriter.WriteMembers(writer, entity, serviceRoot, options.Select);
        if (options.Expand.Count > 0)
        {
            foreach (var item in Expansions(options.Expand)) await WriteExpandedAsync(writer, entity, item, cancellationToken);
        }
        writer.WriteEndObject();
        if (writer.BytesPending > FlushBytes) await writer.FlushAsync(cancellationToken);
    }

    /// <summary>Writes the page's entities (or only their self links) into the open array; true when there is a next page.</summary>
    public async Task<bool> WritePageAsync(Utf8JsonWriter writer, EntitySource source, QueryOptions options, int top, bool linksOnly,
        CancellationToken cancellationToken)
    {
        var written = 0;
        await foreach (var entity in query.PageAsync(source, options, top, cancellationToken))
        {
            // $top=0 asks for the count alone: there is no page to go on to.
            if (written == top) return top > 0;
            if (linksOnly)
            {
                WriteLink(writer, entity);
                if (writer.BytesPending > FlushBytes) await writer.FlushAsync(cancellationToken);
            }
            else
            {
                await WriteEntityAsync(writer, entity, options, cancellationToken);
            }
            written++;
        }
        return false;
    }

    public void WriteLink(Utf8JsonWriter writer, StaEntity entity)
    {
        writer.WriteStartObject();
        writer.WriteString("@iot.selfLink", StaJsonWriter.SelfLink(serviceRoot, entity));
        writer.WriteEndObject();
    }

    private async Task WriteExpandedAsync(Utf8JsonWriter writer, StaEntity entity, ExpandItem item, CancellationToken cancellationToken)
    {
        var navigation = entity.Type.Navigation(item.Path[0])!;
        var source = context.Related(entity, navigation);
        if (!navigation.IsCollection)
        {
            writer.WritePropertyName(navigation.Name);
            if (entity.Related(navigation).FirstOrDefault() is { } related) await WriteEntityAsync(writer, related, item.Options, cancellationToken);
            else writer.WriteNullValue();
            return;
        }
        if (item.Options.Count == true) writer.WriteNumber(navigation.Name + "@iot.count", await query.CountAsync(source, item.Options, cancellationToken));
        var top = query.TopOf(item.Options);
        writer.WriteStartArray(navigation.Name);
        var more = await WritePageAsync(writer, source, item.Options, top, false, cancellationToken);
        writer.WriteEndArray();
        // A next link can carry only the paging; an expansion with its own filter or order is paged through its own URL.
        if (more && item.Options is { Filter: null, OrderBy.Count: 0, Select: null, Expand.Count: 0 })
        {
            writer.WriteString(navigation.Name + "@iot.nextLink",
                $"{StaJsonWriter.SelfLink(serviceRoot, entity)}/{navigation.Name}?$top={top}&$skip={(long)(item.Options.Skip ?? 0) + top}");
        }
    }

    /// <summary>One item per navigation property: <c>Datastreams/Observations</c> becomes Datastreams expanding
    /// Observations, and items of the same property are merged (their expansions joined, the first options given kept).</summary>
    internal static IReadOnlyList<ExpandItem> Expansions(IReadOnlyList<ExpandItem> items)
    {
        var merged = new List<ExpandItem>();
        foreach (var item in items)
        {
            var head = item.Path[0];
            var own = item.Path.Count == 1 ? item.Options : QueryOptions.None with { Expand = [new ExpandItem([.. item.Path.Skip(1)], item.Options)] };
            var index = merged.FindIndex(m => m.Path[0] == head);
            if (index < 0)
            {
                merged.Add(new ExpandItem([head], own));
                continue;
            }
            var kept = merged[index].Options;
            var options = HasOwnOptions(kept) ? kept : own;
            merged[index] = new ExpandItem([head], options with { Expand = [.. kept.Expand, .. own.Expand] });
        }
        return merged;
    }

    private static bool HasOwnOptions(QueryOptions options) =>
        options is not { Filter: null, OrderBy.Count: 0, Select: null, Top: null, Skip: null, Count: null };
}
