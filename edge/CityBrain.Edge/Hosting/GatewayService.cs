using CityBrain.Edge.Configuration;
using CityBrain.Edge.Health;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Timing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge.Hosting;

/// <summary>The gateway service: every sensor sampled at its own interval, a report committed to the outbox at each
/// window boundary, the outbox drained over the MQTT link, health published and the status file kept. Sampling never
/// waits for the broker.</summary>
public sealed class GatewayService(
    IOptions<GatewayOptions> options,
    LiveSettings settings,
    SensorFactory sensors,
    ClockCheck clock,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger _logger = loggers.CreateLogger<GatewayService>();
    private GatewayRuntime? _runtime;

    public GatewayRuntime Runtime => _runtime ?? throw new InvalidOperationException("the gateway has not started");

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        _runtime = GatewayRuntime.Start(o, settings, sensors, clock, time, loggers);
        _logger.LogInformation("Gateway {DeviceId} in {District}: {Sensors} sensors, reports every {ReportInterval}, brokers {Brokers}, data in {DataDirectory}",
            o.DeviceId, o.District, _runtime.Samplers.Count, settings.ReportInterval, string.Join(", ", _runtime.Publisher.Link.Options.Brokers), Path.GetFullPath(o.DataDirectory));
        if (!clock.IsTrusted)
        {
            _logger.LogWarning("The clock reads {Now:O}, before this software's build date {BuildDate:yyyy-MM-dd}; reports wait until NTP sets it", time.GetUtcNow(), clock.BuildDate);
        }
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var runtime = Runtime;
        var o = options.Value;
        // Reports the cluster refused as not authorised were refused for the identity in the configuration, which a
        // start may have fixed (provision, then restart): they go again, and are set aside again if it is still wrong.
        var requeued = await runtime.Publisher.Outbox.RequeueRefusedAsync(Outbox.DeviceOutbox.NotAuthorized, stoppingToken);
        if (requeued > 0) _logger.LogInformation("{Count} reports the cluster refused as not authorised are queued again for {DeviceId} in {District}", requeued, o.DeviceId, o.District);
        var health = new HealthReporter(runtime.Monitor, runtime.Publisher, o.HealthInterval, time, loggers.CreateLogger<HealthReporter>());
        var loops = new List<Task>
        {
            runtime.Publisher.RunAsync(stoppingToken),
            runtime.Reporter.RunAsync(stoppingToken),
            health.RunAsync(stoppingToken),
            runtime.Status.RunAsync(runtime.Monitor, o.StatusInterval, time, _logger, stoppingToken),
        };
        loops.AddRange(runtime.Samplers.Select(s => s.RunAsync(settings, stoppingToken)));
        while (loops.Count > 0)
        {
            var ended = await Task.WhenAny(loops);
            loops.Remove(ended);
            if (ended.IsFaulted && !(stoppingToken.IsCancellationRequested && ended.Exception.InnerExceptions.All(e => e is OperationCanceledException)))
            {
                // A loop ending by itself is a bug; stopping lets systemd restart a clean process, and the outbox keeps every report.
                _logger.LogCritical(ended.Exception, "A gateway loop failed; stopping so that the service restarts");
                await ended;
            }
        }
        // The window in progress is not committed: a restart opens the same aligned window again, and two reports
        // for one window would count its samples twice.
        using var goodbye = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await runtime.Publisher.CloseAsync(goodbye.Token);
        runtime.Status.Write(await runtime.Monitor.SnapshotAsync(CancellationToken.None));
        _logger.LogInformation("Gateway {DeviceId} stopped", o.DeviceId);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_runtime is not null) await _runtime.DisposeAsync();
    }
}
