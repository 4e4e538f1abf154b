using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Bench.Silos;

/// <summary>One gateway of the failover fleet, made of the edge gateway's own parts (CityBrain.Edge.Gateway), as the
/// fleet simulator's gateway uplink makes them: a SQLite outbox that commits each report before it is sent, the MQTT
/// link that fails over between every silo's broker with its jittered backoff, and the pump that resends whatever has
/// no PUBACK. The bench builds them itself because it must see each gateway's link and pump: which broker it is on and
/// when its last report was acknowledged.</summary>
internal sealed class FleetGateway : IAsyncDisposable
{
    /// <summary>As the fleet simulator sets it: the pump is told of every report, so its idle look is only a safety net.</summary>
    private static readonly PumpOptions Pump = new() { IdlePoll = TimeSpan.FromSeconds(30) };

    private readonly SqliteOutbox _outbox;
    private readonly CancellationTokenSource _stopLink = new();
    private readonly CancellationTokenSource _stopReports = new();
    private readonly Task _link;
    private readonly Task _reports;
    private long _enqueued;

    private FleetGateway(string deviceId, SqliteOutbox outbox, GatewayPublisher publisher, TimeSpan interval, TimeSpan phase)
    {
        DeviceId = deviceId;
        _outbox = outbox;
        Publisher = publisher;
        _link = Task.Run(() => publisher.RunAsync(_stopLink.Token));
        _reports = Task.Run(() => ReportAsync(interval, phase, _stopReports.Token));
    }

    public string DeviceId { get; }

    public GatewayPublisher Publisher { get; }

    /// <summary>Reports committed to the outbox.</summary>
    public long Enqueued => Interlocked.Read(ref _enqueued);

    /// <summary>A report window of <paramref name="interval"/> (whole seconds) every interval, the first after
    /// <paramref name="phase"/>, so a fleet's reports are spread over the interval.</summary>
    public static FleetGateway Start(string deviceId, string district, IReadOnlyList<BrokerAddress> brokers, string password, string outboxDirectory,
        TimeSpan interval, TimeSpan phase)
    {
        var outbox = SqliteOutbox.Open(Path.Combine(outboxDirectory, $"{deviceId}.db"), new OutboxOptions(), TimeProvider.System, NullLogger<SqliteOutbox>.Instance);
        var publisher = new GatewayPublisher(outbox, new LinkOptions(deviceId, district, brokers, password), Pump, TimeProvider.System, NullLoggerFactory.Instance);
        return new FleetGateway(deviceId, outbox, publisher, interval, phase);
    }

    /// <summary>Reports still waiting in the outbox for their PUBACK.</summary>
    public async Task<long> BacklogAsync() => (await Publisher.Outbox.BacklogAsync()).Depth;

    public async Task StopReportingAsync()
    {
        await _stopReports.CancelAsync();
        await _reports;
    }

    public async ValueTask DisposeAsync()
    {
        await StopReportingAsync();
        await _stopLink.CancelAsync();
        await _link;
        await Publisher.CloseAsync(CancellationToken.None);
        Publisher.Dispose();
        await _outbox.DisposeAsync();
        _stopLink.Dispose();
        _stopReports.Dispose();
    }

    private async Task ReportAsync(TimeSpan interval, TimeSpan phase, CancellationToken stop)
    {
        try
        {
            await Task.Delay(phase, stop);
            using var timer = new PeriodicTimer(interval);
            var n = 0;
            do
            {
                var end = DateTimeOffset.UtcNow;
                await Publisher.PublishAsync(end - interval, interval,
                [
                    Reading.Of(Quantity.Pm2_5, 20 + n % 30, Quality.Ok, "bench"),
                    Reading.Of(Quantity.Noise, 55 + n % 10, Quality.Ok, "bench"),
                    Reading.Of(Quantity.Temperature, 15 + n % 10, Quality.Ok, "bench"),
                ], CancellationToken.None);
                Interlocked.Increment(ref _enqueued);
                n++;
            }
            while (await timer.WaitForNextTickAsync(stop));
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
