using CityBrain.Edge.Publishing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Health;

/// <summary>Publishes the gateway's health at every interval while the link is up; a report that cannot go now is
/// not kept, the next one says more.</summary>
public sealed class HealthReporter(GatewayMonitor monitor, GatewayPublisher publisher, TimeSpan interval, TimeProvider time, ILogger<HealthReporter> logger)
{
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                if (!publisher.Link.IsConnected) continue;
                var snapshot = await monitor.SnapshotAsync(stoppingToken);
                if (!await publisher.PublishHealthAsync(snapshot.ToHealth(), stoppingToken))
                {
                    logger.LogDebug("Health report of {Timestamp:O} not delivered; the next one follows in {Interval}", snapshot.Timestamp, interval);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
