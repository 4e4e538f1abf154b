using System.Globalization;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using CityBrain.Grains.Regions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Cockpit;

/// <summary><c>GET /api/stream?region={id}</c>: one place of the tree (the root when absent) as server-sent events —
/// <c>region</c> with the body of <c>GET /api/regions/{id}</c> on connect, then <c>patch</c> with what changed
/// (<c>{"base": version it applies to, "changes": …}</c>, see <see cref="StreamPatch"/>) whenever something did, each
/// numbered by its SSE id; <c>heartbeat</c> while nothing changes.</summary>
public static class RegionStreamEndpoint
{
    public static void MapRegionStream(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/stream", Results<NotFound<Api.ErrorResponse>, ServerSentEventsResult<string>> (string? region, HttpContext context,
            RegionFeed feed, RegionCatalog catalog, IOptions<CockpitOptions> options, IHostApplicationLifetime lifetime) =>
        {
            region ??= catalog.Root.Id;
            // Refused before the stream opens: a page asking again and again for a place that is not there costs a 404 each time.
            if (!catalog.Tree.Contains(region)) return TypedResults.NotFound(Api.RegionApi.NotInTree(region, catalog));
            // A stream never ends by itself; ending it on shutdown lets the server stop at once, and the page reconnects.
            var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            context.Response.RegisterForDispose(ended);
            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.ServerSentEvents(ReadAsync(feed, region, options.Value.ReconnectDelay, ended.Token));
        }).RequireRateLimiting(Security.HttpProtection.StreamPolicy).RequireAuthorization(Security.Policies.View);

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(
        RegionFeed feed, string region, TimeSpan reconnectDelay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe(region);
        var first = true;
        while (true)
        {
            CockpitEvent? item;
            try
            {
                if (!await subscription.Events.WaitToReadAsync(cancellationToken)) yield break;
                if (!subscription.Events.TryRead(out item)) continue;
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
            yield return new SseItem<string>(item.Data, item.Type)
            {
                EventId = item.Version?.ToString(CultureInfo.InvariantCulture),
                ReconnectionInterval = first ? reconnectDelay : null,
            };
            first = false;
        }
    }
}
