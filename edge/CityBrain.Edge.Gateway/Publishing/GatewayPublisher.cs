using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Publishing;

/// <summary>Everything between a closed report window and the broker, for one gateway: its queue in the outbox, its
/// MQTT link and the pump between them. The gateway service uses one; a simulated fleet runs one per gateway in one
/// process, all sharing one <see cref="SqliteOutbox"/>.</summary>
public sealed class GatewayPublisher : IDisposable
{
    /// <param name="random">The link's random source (<see cref="MqttLink"/>); by default seeded from the device id.</param>
    public GatewayPublisher(SqliteOutbox outbox, LinkOptions link, PumpOptions pump, TimeProvider time, ILoggerFactory loggers, Random? random = null)
    {
        _time = time;
        Outbox = outbox.Device(link.DeviceId);
        Link = new MqttLink(link, time, loggers.CreateLogger<MqttLink>(), random);
        Pump = new OutboxPump(Outbox, Link, pump, time, loggers.CreateLogger<OutboxPump>());
    }

    private readonly TimeProvider _time;

    public DeviceOutbox Outbox { get; }

    public MqttLink Link { get; }

    public OutboxPump Pump { get; }

    /// <summary>Keeps the link up and the outbox draining until <paramref name="stoppingToken"/> fires; then call
    /// <see cref="CloseAsync"/> to say goodbye.</summary>
    public Task RunAsync(CancellationToken stoppingToken) => Task.WhenAll(Link.RunAsync(stoppingToken), Pump.RunAsync(stoppingToken));

    /// <summary>Commits a report window to the outbox and wakes the pump. Returns the report's sequence number once
    /// it is on disk; delivery follows whenever the link allows.</summary>
    public async Task<long> PublishAsync(DateTimeOffset windowStart, TimeSpan window, IReadOnlyList<Reading> readings, CancellationToken cancellationToken)
    {
        var sequence = await Outbox.EnqueueAsync(windowStart, window, readings, cancellationToken);
        Pump.Notify();
        return sequence;
    }

    /// <summary>What the outbox holds and what the pump did with it, as the gateway's health and status show them.</summary>
    /// <param name="budgetBytes">The disk budget the outbox was configured with.</param>
    public async Task<Health.OutboxSnapshot> OutboxSnapshotAsync(long budgetBytes, CancellationToken cancellationToken)
    {
        var backlog = await Outbox.BacklogAsync(cancellationToken);
        var now = _time.GetUtcNow();
        return new Health.OutboxSnapshot(backlog.Depth, backlog.OldestAge(now) is { } age ? Math.Round(age.TotalSeconds, 1) : null,
            backlog.Thinned, backlog.Dropped, backlog.Refused, Pump.Delivered, Pump.LastPublish,
            backlog.NextSequence, Outbox.Store.FileBytes(), budgetBytes, Outbox.Store.DiskFullSince);
    }

    /// <summary>Health goes out directly, not through the outbox: after an outage an old health report is worth
    /// nothing. False when the link is down and the report was not delivered.</summary>
    public async Task<bool> PublishHealthAsync(Contracts.Payloads.Health health, CancellationToken cancellationToken)
    {
        if (!Link.IsConnected) return false;
        try
        {
            var result = await Link.PublishAsync(new MqttApplicationMessageBuilder()
                .WithTopic(Link.HealthTopic)
                .WithPayload(WireFormat.Serialize(health))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build(), cancellationToken);
            return OutboxPump.Classify(result.ReasonCode) == OutboxPump.PubAck.Delivered;
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Publishes the retained offline status and disconnects.</summary>
    public Task CloseAsync(CancellationToken cancellationToken) => Link.CloseAsync(cancellationToken);

    public void Dispose() => Link.Dispose();
}
