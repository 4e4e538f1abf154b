using CityBrain.Ingest.Broker;
using CityBrain.Storage.Retained;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace CityBrain.Ingest.Delivery;

/// <summary>Keeps this node's broker holding every retained device message of the shared store: all of them at start
/// (a broker keeps retained messages only in memory), then whatever another node stored since, every
/// <see cref="DeliveryOptions.SyncInterval"/>. A device therefore finds its configuration on whichever node it connects to.</summary>
public sealed partial class RetainedMessageSync(
    IRetainedMessageStore store,
    EmbeddedBroker broker,
    IOptions<DeliveryOptions> options,
    TimeProvider time,
    ILogger<RetainedMessageSync> logger) : BackgroundService
{
    private readonly Dictionary<string, long> _delivered = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _seen;
    private bool _failing;

    /// <summary>Hands <paramref name="message"/> to the broker unless a newer version of its topic was delivered already.</summary>
    public async Task DeliverAsync(RetainedMessage message)
    {
        await _gate.WaitAsync();
        try
        {
            if (_delivered.TryGetValue(message.Topic, out var delivered) && delivered >= message.Version) return;
            await broker.InjectAsync(new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(message.Payload.ToArray())
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .WithRetainFlag()
                .Build());
            _delivered[message.Topic] = message.Version;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SyncInterval, time);
        do
        {
            await SyncOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var changed = await store.ChangedSinceAsync(_seen, cancellationToken);
            foreach (var message in changed)
            {
                await DeliverAsync(message);
                _seen = message.Version;
            }
            if (_failing) LogRecovered(_seen);
            _failing = false;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The store is shared and may be restarting; devices keep what they have, and the next tick tries again.
            if (!_failing) LogSyncFailed(ex);
            _failing = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retained device messages could not be read from the shared store; retrying every sync interval")]
    private partial void LogSyncFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Retained device messages read from the shared store again (up to version {Version})")]
    private partial void LogRecovered(long version);
}
