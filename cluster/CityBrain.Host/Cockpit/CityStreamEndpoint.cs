using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Cockpit;

/// <summary><c>GET /api/stream</c>: the city as server-sent events — <c>city</c> with the body of <c>GET /api/city</c>
/// whenever it changed (and once on connect), <c>heartbeat</c> while nothing changes.</summary>
public static class CityStreamEndpoint
{
    public static void MapCityStream(this IEndpointRouteBuilder routes) =>
        routes.MapGet("/api/stream", (HttpContext context, CityFeed feed, IOptions<CockpitOptions> options, IHostApplicationLifetime lifetime) =>
        {
            // A stream never ends by itself; ending it on shutdown lets the server stop at once, and the page reconnects.
            var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
            context.Response.RegisterForDispose(ended);
            context.Response.Headers.CacheControl = "no-cache";
            return TypedResults.ServerSentEvents(ReadAsync(feed, options.Value.ReconnectDelay, ended.Token));
        }).RequireRateLimiting(Security.HttpProtection.StreamPolicy).RequireAuthorization(Security.Policies.View);

    private static async IAsyncEnumerable<SseItem<string>> ReadAsync(
        CityFeed feed, TimeSpan reconnectDelay, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var subscription = feed.Subscribe();
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
            yield return new SseItem<string>(item.Data, item.Type) { ReconnectionInterval = first ? reconnectDelay : null };
            first = false;
        }
    }
}
