using System.Text.Json;
using System.Threading.Channels;
using CityBrain.Grains.Regions;
using CityBrain.Host.Api;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace CityBrain.Host.Cockpit;

/// <summary>Reads the city snapshot on a fixed period and pushes it to every open cockpit page when it changed.</summary>
/// <remarks>Polling one in-process grain once a second costs nothing, needs no stream provider, and gives a late or
/// reconnecting page the current city at once: it never has to replay what it missed.</remarks>
public sealed partial class CityFeed(
    IGrainFactory grains,
    CityCatalog catalog,
    IOptions<CockpitOptions> options,
    IOptions<HttpJsonOptions> json,
    TimeProvider time,
    ILogger<CityFeed> logger) : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly HashSet<Channel<CockpitEvent>> _subscribers = [];
    private CockpitEvent? _latest;

    public int SubscriberCount
    {
        get { lock (_gate) return _subscribers.Count; }
    }

    /// <summary>Opens a subscription that starts with the latest city, if one was read already.</summary>
    public CityFeedSubscription Subscribe()
    {
        var channel = Channel.CreateBounded<CockpitEvent>(new BoundedChannelOptions(options.Value.ClientBuffer)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            if (_latest is not null) channel.Writer.TryWrite(_latest);
            _subscribers.Add(channel);
        }
        return new CityFeedSubscription(channel.Reader, () => Unsubscribe(channel));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var lastHeartbeat = time.GetUtcNow();
        using var timer = new PeriodicTimer(settings.PollInterval, time);
        do
        {
            await PublishIfChangedAsync(stoppingToken);
            if (time.GetUtcNow() - lastHeartbeat >= settings.HeartbeatInterval)
            {
                lastHeartbeat = time.GetUtcNow();
                Broadcast(new CockpitEvent(CockpitEvent.Heartbeat, JsonSerializer.Serialize(new { time = lastHeartbeat }, json.Value.SerializerOptions)));
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task PublishIfChangedAsync(CancellationToken cancellationToken)
    {
        string body;
        try
        {
            body = JsonSerializer.Serialize(await CityApi.GetCityAsync(grains, catalog), json.Value.SerializerOptions);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The silo may still be starting or already stopping; the next tick tries again.
            LogReadFailed(ex);
            return;
        }
        if (_latest?.Data == body) return;
        var update = new CockpitEvent(CockpitEvent.City, body);
        lock (_gate) _latest = update;
        Broadcast(update);
    }

    private void Broadcast(CockpitEvent item)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers) subscriber.Writer.TryWrite(item);
        }
    }

    private void Unsubscribe(Channel<CockpitEvent> channel)
    {
        lock (_gate) _subscribers.Remove(channel);
        channel.Writer.TryComplete();
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var subscriber in _subscribers) subscriber.Writer.TryComplete();
        }
        return base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cockpit feed could not read the city snapshot")]
    private partial void LogReadFailed(Exception exception);
}

/// <summary>One page's view of the <see cref="CityFeed"/>; disposing it stops the delivery.</summary>
public sealed class CityFeedSubscription(ChannelReader<CockpitEvent> reader, Action unsubscribe) : IDisposable
{
    public ChannelReader<CockpitEvent> Events { get; } = reader;

    public void Dispose() => unsubscribe();
}
