using System.Diagnostics.Metrics;

namespace CityBrain.SensorThings.Mqtt;

/// <summary>What the MQTT extension published, and what it could not: OpenTelemetry counters, and a snapshot for tests
/// and the operations page.</summary>
public sealed class StaMqttMetrics
{
    public const string MeterName = "CityBrain.SensorThings.Mqtt";
    private readonly Counter<long> _published;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _failed;
    private long _publishedCount, _droppedCount, _failedCount;

    public StaMqttMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _published = meter.CreateCounter<long>("citybrain.sta.mqtt.published", description: "Observations published to MQTT readers");
        _dropped = meter.CreateCounter<long>("citybrain.sta.mqtt.dropped", description: "Accepted reports not published: the queue was full");
        _failed = meter.CreateCounter<long>("citybrain.sta.mqtt.failed", description: "Accepted reports whose publication failed");
    }

    public void Published()
    {
        Interlocked.Increment(ref _publishedCount);
        _published.Add(1);
    }

    public void Dropped()
    {
        Interlocked.Increment(ref _droppedCount);
        _dropped.Add(1);
    }

    public void Failed()
    {
        Interlocked.Increment(ref _failedCount);
        _failed.Add(1);
    }

    public StaMqttCounters Snapshot() => new(Interlocked.Read(ref _publishedCount), Interlocked.Read(ref _droppedCount), Interlocked.Read(ref _failedCount));
}

public sealed record StaMqttCounters(long Published, long Dropped, long Failed);
