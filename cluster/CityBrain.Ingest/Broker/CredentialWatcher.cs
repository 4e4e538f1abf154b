using CityBrain.Storage.Credentials;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Broker;

/// <summary>Disconnects devices whose credential was rotated or revoked, wherever that was done: it follows the store's
/// change numbers every <see cref="CredentialWatchOptions.WatchInterval"/>, and at once when this node made the change
/// (<see cref="CatchUpAsync"/>). A session that authenticated against the new credential is left alone.</summary>
public sealed partial class CredentialWatcher(
    ICredentialStore store,
    DeviceSessions sessions,
    EmbeddedBroker broker,
    IOptions<CredentialWatchOptions> options,
    TimeProvider time,
    ILogger<CredentialWatcher> logger) : BackgroundService
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long? _seen;
    private bool _failing;

    /// <summary>Reads the changes made since the last look and disconnects the sessions they make stale.</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Only when the store did not answer at start: changes made before then concern no session of this node.
            _seen ??= await store.LatestChangeAsync(cancellationToken);
            foreach (var change in await store.ChangesSinceAsync(_seen.Value, cancellationToken))
            {
                if (sessions.IsStale(change.DeviceId, change.Change))
                {
                    await broker.DisconnectAsync(change.DeviceId);
                    LogDisconnected(change.DeviceId, change.Change);
                }
                _seen = change.Change;
            }
            if (_failing) LogRecovered(_seen.Value);
            _failing = false;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Takes the store's latest change before the broker accepts anyone (it is registered first), so no change
    /// made after a session authenticated can be mistaken for history.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _seen = await store.LatestChangeAsync(cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogWatchFailed(ex);
            _failing = true;
        }
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.WatchInterval, time);
        do
        {
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The shared store may be restarting; sessions stay as they are until the next tick reads the changes.
                if (!_failing) LogWatchFailed(ex);
                _failing = true;
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Disconnected device {DeviceId}: its credential was rotated or revoked (change {Change})")]
    private partial void LogDisconnected(string deviceId, long change);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Credential changes could not be read from the store; revoked devices stay connected until it answers again")]
    private partial void LogWatchFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Credential changes read from the store again (up to change {Change})")]
    private partial void LogRecovered(long change);
}
