using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Health;
using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Sensors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge;

/// <summary>The gateway: samples every sensor, closes a report window at each interval boundary into the outbox,
/// and lets the pump deliver it over the link. Sampling never waits for the broker.</summary>
public sealed class GatewayService(
    IOptions<GatewayOptions> options,
    SensorFactory sensors,
    MqttLink link,
    LiveSettings settings,
    TimeProvider time,
    ILoggerFactory loggers) : BackgroundService
{
    private readonly GatewayOptions _options = options.Value;

    public SqliteOutbox? Outbox { get; private set; }

    public OutboxPump? Pump { get; private set; }

    public IReadOnlyList<SensorSampler> Samplers { get; private set; } = [];

    /// <summary>Opens the outbox and builds the sensors before the host counts as started, so a broken configuration
    /// stops the start with its message instead of a service that runs and does nothing.</summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        Outbox = new SqliteOutbox(Path.Combine(_options.DataDirectory, "outbox.db"), time);
        Pump = new OutboxPump(Outbox, link, TopicAddress.Build(_options.District, _options.DeviceId, TopicKind.Telemetry), time,
            loggers.CreateLogger<OutboxPump>());
        var logger = loggers.CreateLogger<GatewayService>();
        Samplers = sensors.CreateAll(_options.Sensors).Select(s => new SensorSampler(s, logger)).ToList();
        logger.LogInformation("Gateway {DeviceId} in {District} with {Sensors} sensors, reporting every {Interval}",
            _options.DeviceId, _options.District, Samplers.Count, _options.ReportInterval);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Outbox is null || Pump is null) throw new InvalidOperationException("the gateway runs only after it started");
        var supervise = link.SuperviseAsync(stoppingToken);
        var pump = Pump.RunAsync(stoppingToken);
        var health = ReportHealthAsync(Outbox, Pump, stoppingToken);
        try
        {
            await SampleAndReportAsync(Outbox, Pump, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        await Task.WhenAll(supervise, pump, health).ContinueWith(_ => { }, TaskScheduler.Default);
        await link.GoodbyeAsync();
    }

    private async Task SampleAndReportAsync(SqliteOutbox outbox, OutboxPump pump, CancellationToken stoppingToken)
    {
        var interval = settings.ReportInterval;
        var windowStart = WindowStart(time.GetUtcNow(), interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            await Task.WhenAll(Samplers.Where(s => settings.IsEnabled(s.Name)).Select(s => s.SampleAsync(stoppingToken)));
            var now = time.GetUtcNow();
            if (now >= windowStart + interval)
            {
                await ReportAsync(outbox, windowStart, interval, stoppingToken);
                pump.Notify();
                // A new interval from the cluster takes effect at the next window boundary, never inside a window.
                interval = settings.ReportInterval;
                windowStart = WindowStart(now, interval);
            }
            var nextSample = now + settings.SampleInterval;
            var boundary = windowStart + interval;
            var wait = (nextSample < boundary ? nextSample : boundary) - time.GetUtcNow();
            if (wait > TimeSpan.Zero) await Task.Delay(wait, time, stoppingToken);
        }
    }

    /// <summary>Health goes out directly, not through the outbox: an old health report is worth nothing after an outage.</summary>
    private async Task ReportHealthAsync(SqliteOutbox outbox, OutboxPump pump, CancellationToken stoppingToken)
    {
        var composer = new HealthComposer(_options.DeviceId, _options.DataDirectory, time);
        var topic = TopicAddress.Build(_options.District, _options.DeviceId, TopicKind.Health);
        using var timer = new PeriodicTimer(_options.HealthInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!link.IsConnected) continue;
            var report = await composer.ComposeAsync(outbox, pump, Samplers, stoppingToken);
            try
            {
                await link.PublishAsync(new MQTTnet.MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(WireFormat.Serialize(report))
                    .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build(), stoppingToken);
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // The link supervisor reconnects; the next report goes out then.
            }
        }
    }

    private Task<long> ReportAsync(SqliteOutbox outbox, DateTimeOffset windowStart, TimeSpan interval, CancellationToken cancellationToken)
    {
        var readings = Samplers.Where(s => settings.IsEnabled(s.Name)).SelectMany(s => s.CloseWindow()).ToList();
        return outbox.EnqueueAsync(windowStart, sequence => WireFormat.Serialize(new Telemetry(
            Telemetry.CurrentVersion, _options.DeviceId, sequence, windowStart, (int)interval.TotalSeconds, readings)), cancellationToken);
    }

    /// <summary>Windows are aligned to multiples of the interval since the epoch, so every gateway's hours line up.</summary>
    private static DateTimeOffset WindowStart(DateTimeOffset now, TimeSpan interval) =>
        new(now.UtcTicks - now.UtcTicks % interval.Ticks, TimeSpan.Zero);
}
