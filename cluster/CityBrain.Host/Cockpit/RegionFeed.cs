using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using CityBrain.Host.Api;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CityBrain.Host.Cockpit;

/// <summary>Reads, on a fixed period, each region some open cockpit page shows, and pushes what changed to those pages:
/// a page that connects gets the whole region (<c>region</c>), then only <c>patch</c> events with what changed since
/// (<see cref="StreamPatch"/>), each numbered by its SSE id and naming the version it applies to. A region no page shows is
/// not read.</summary>
/// <remarks>Polling a handful of grains once a second costs little, needs no stream provider, and gives a late or
/// reconnecting page the current region at once: it never has to replay what it missed.</remarks>
public sealed partial class RegionFeed(
    RegionReader reader,
    IOptions<CockpitOptions> options,
    IOptions<HttpJsonOptions> json,
    TimeProvider time,
    ILogger<RegionFeed> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Topic> _topics = new(StringComparer.Ordinal);

    public int SubscriberCount
    {
        get { lock (_gate) return _topics.Values.Sum(t => t.Subscribers.Count); }
    }

    /// <summary>Opens a subscription to <paramref name="regionId"/> (an id of the tree) that starts with its latest
    /// state, if one was read already, else with the next read.</summary>
    public RegionFeedSubscription Subscribe(string regionId)
    {
        var channel = Channel.CreateBounded<CockpitEvent>(new BoundedChannelOptions(options.Value.ClientBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            if (!_topics.TryGetValue(regionId, out var topic)) _topics[regionId] = topic = new Topic();
            if (topic.Latest is { } latest) channel.Writer.TryWrite(latest);
            topic.Subscribers.Add(channel);
        }
        return new RegionFeedSubscription(channel.Reader, () => Unsubscribe(regionId, channel));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lastHeartbeat = time.GetUtcNow();
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            string[] shown;
            lock (_gate) shown = [.. _topics.Keys];
            foreach (var regionId in shown)
            {
                if (IsDue(regionId, settings.UpdateInterval)) await PublishIfChangedAsync(regionId, stoppingToken);
            }
            if (time.GetUtcNow() - lastHeartbeat >= settings.HeartbeatInterval)
            {
                lastHeartbeat = time.GetUtcNow();
                var beat = new CockpitEvent(CockpitEvent.Heartbeat, JsonSerializer.Serialize(new { time = lastHeartbeat }, json.Value.SerializerOptions));
                lock (_gate)
                {
                    foreach (var topic in _topics.Values) topic.Broadcast(beat);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Whether <paramref name="regionId"/> may be sent again: never sent yet, or last sent an interval ago.</summary>
    private bool IsDue(string regionId, TimeSpan interval)
    {
        lock (_gate) return _topics.TryGetValue(regionId, out var topic) && (topic.PublishedAt is not { } at || time.GetUtcNow() - at >= interval);
    }

    private async Task PublishIfChangedAsync(string regionId, CancellationToken cancellationToken)
    {
        JsonObject current;
        try
        {
            if (await reader.ReadAsync(regionId) is not { } region) return;
            current = JsonSerializer.SerializeToNode(region, json.Value.SerializerOptions)!.AsObject();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The silo may still be starting or already stopping; the next tick tries again.
            LogReadFailed(ex, regionId);
            return;
        }
        var keyed = StreamPatch.Keyed(current)!.AsObject();
        lock (_gate)
        {
            if (!_topics.TryGetValue(regionId, out var topic)) return;
            var changes = topic.Keyed is null ? null : StreamPatch.Diff(topic.Keyed, keyed);
            if (topic.Keyed is not null && changes is null) return;
            topic.Publish(current, keyed, changes, json.Value.SerializerOptions, time.GetUtcNow());
        }
    }

    private void Unsubscribe(string regionId, Channel<CockpitEvent> channel)
    {
        lock (_gate)
        {
            if (_topics.TryGetValue(regionId, out var topic) && topic.Subscribers.Remove(channel) && topic.Subscribers.Count == 0) _topics.Remove(regionId);
        }
        channel.Writer.TryComplete();
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var subscriber in _topics.Values.SelectMany(t => t.Subscribers)) subscriber.Writer.TryComplete();
        }
        return base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cockpit feed could not read region {RegionId}")]
    private partial void LogReadFailed(Exception exception, string regionId);

    /// <summary>The pages showing one region, and what they were last sent.</summary>
    private sealed class Topic
    {
        private long _version;

        public HashSet<Channel<CockpitEvent>> Subscribers { get; } = [];

        /// <summary>The whole region as it is now, for a page that connects.</summary>
        public CockpitEvent? Latest { get; private set; }

        /// <summary>When the region was last sent.</summary>
        public DateTimeOffset? PublishedAt { get; private set; }

        /// <summary>The region as the pages hold it, in the form patches are computed on.</summary>
        public JsonObject? Keyed { get; private set; }

        /// <summary>Makes <paramref name="region"/> the latest and sends the pages <paramref name="changes"/> (all of it, to
        /// the pages waiting for their first event, when there are none).</summary>
        public void Publish(JsonObject region, JsonObject keyed, JsonObject? changes, JsonSerializerOptions options, DateTimeOffset at)
        {
            _version++;
            PublishedAt = at;
            Latest = new CockpitEvent(CockpitEvent.Region, region.ToJsonString(options), _version);
            Keyed = keyed;
            Broadcast(changes is null
                ? Latest
                : new CockpitEvent(CockpitEvent.Patch, new JsonObject { ["base"] = _version - 1, ["changes"] = changes }.ToJsonString(options), _version));
        }

        public void Broadcast(CockpitEvent item)
        {
            foreach (var subscriber in Subscribers) subscriber.Writer.TryWrite(item);
        }
    }
}

/// <summary>One page's view of the <see cref="RegionFeed"/>; disposing it stops the delivery.</summary>
public sealed class RegionFeedSubscription(ChannelReader<CockpitEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<CockpitEvent> Events { get; } = reader;

    public void Dispose() => unsubscribe();
}
