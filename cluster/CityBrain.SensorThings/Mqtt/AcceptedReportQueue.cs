using System.Threading.Channels;
using CityBrain.Contracts.Journal;
using CityBrain.Ingest.Broker;
using CityBrain.Ingest.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.SensorThings.Mqtt;

/// <summary>Where ingest hands over accepted reports for the MQTT readers: a bounded queue that never makes ingest
/// wait. Past <see cref="StaMqttOptions.QueueCapacity"/> a report is not published (counted, logged once a minute).
/// Apart from <see cref="ObservationPublisher"/>, which drains it, because the broker's ingest needs this and the
/// publisher needs the broker.</summary>
public sealed partial class AcceptedReportQueue(IOptions<StaMqttOptions> options, StaMqttMetrics metrics, TimeProvider time, ILogger<AcceptedReportQueue> logger)
    : IAcceptedReports
{
    private readonly Channel<JournalEntry> _queue = Channel.CreateBounded<JournalEntry>(
        new BoundedChannelOptions(options.Value.QueueCapacity) { FullMode = BoundedChannelFullMode.Wait, SingleReader = true });
    private readonly StormLog _drops = new(time);

    public ChannelReader<JournalEntry> Reader => _queue.Reader;

    public void Accepted(JournalEntry report)
    {
        // With FullMode.Wait a full queue makes TryWrite false at once: the drop is seen, counted, and nothing waits.
        if (_queue.Writer.TryWrite(report)) return;
        metrics.Dropped();
        if (_drops.ShouldLog(out var count)) LogDropped(count, options.Value.QueueCapacity, report.DeviceId);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Did not publish {Count} accepted report(s) to MQTT readers in the last minute: more than SensorThings:Mqtt:QueueCapacity = {Capacity} were waiting; the latest from {DeviceId}")]
    private partial void LogDropped(long count, int capacity, string deviceId);
}
