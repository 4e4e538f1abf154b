using CityBrain.Edge.Configuration;
using CityBrain.Edge.Health;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Reporting;
using CityBrain.Edge.Sampling;
using CityBrain.Edge.Sensors;
using CityBrain.Edge.Timing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Hosting;

/// <summary>The parts of a running gateway, put together in the order a reading travels: sensors and their samplers,
/// the window reporter, the outbox and the publisher with its link; and beside them the monitor behind health and
/// status. Built before the service reports ready, so a broken configuration stops the start with its message.</summary>
public sealed class GatewayRuntime : IAsyncDisposable
{
    private readonly DataDirectoryLock _lock;
    private readonly SqliteOutbox _outbox;

    private GatewayRuntime(DataDirectoryLock @lock, SqliteOutbox outbox, GatewayPublisher publisher, IReadOnlyList<SensorSampler> samplers,
        WindowReporter reporter, GatewayMonitor monitor, StatusFile status)
    {
        _lock = @lock;
        _outbox = outbox;
        Publisher = publisher;
        Samplers = samplers;
        Reporter = reporter;
        Monitor = monitor;
        Status = status;
    }

    public IReadOnlyList<SensorSampler> Samplers { get; }

    public WindowReporter Reporter { get; }

    public GatewayPublisher Publisher { get; }

    public GatewayMonitor Monitor { get; }

    public StatusFile Status { get; }

    /// <exception cref="DataDirectoryInUseException">Another gateway runs on the same data directory.</exception>
    /// <exception cref="OutboxException">The outbox cannot be used.</exception>
    /// <exception cref="ConfigurationException">A sensor's configuration is wrong.</exception>
    /// <exception cref="HardwareAccessException">A sensor's bus or port cannot be used.</exception>
    public static GatewayRuntime Start(GatewayOptions options, LiveSettings settings, SensorFactory sensors, ClockCheck clock, TimeProvider time, ILoggerFactory loggers)
    {
        var @lock = DataDirectoryLock.Acquire(options.DataDirectory);
        SqliteOutbox? outbox = null;
        var built = new List<SensorSampler>();
        var ambient = new AmbientConditions();
        try
        {
            foreach (var sensorOptions in options.Sensors)
            {
                var sensor = sensors.Create(sensorOptions);
                built.Add(new SensorSampler(sensor, SensorProfiles.From(sensorOptions, sensor), time, loggers.CreateLogger<SensorSampler>(), ambient));
            }
            if (built.GroupBy(s => s.Name).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new ConfigurationException($"two sensors are named '{twice.Key}': give each a Name of its own");
            }
            outbox = SqliteOutbox.Open(Path.Combine(options.DataDirectory, "outbox.db"), options.Outbox, time, loggers.CreateLogger<SqliteOutbox>());
            var publisher = new GatewayPublisher(outbox, options.Link(), options.Pump(), time, loggers);
            publisher.Link.ConfigReceived += payload => settings.Apply(payload);
            var reporter = new WindowReporter(built, settings, publisher, clock, time, loggers.CreateLogger<WindowReporter>());
            var monitor = new GatewayMonitor(options, publisher, built, settings, reporter, clock, time);
            return new GatewayRuntime(@lock, outbox, publisher, built, reporter, monitor, new StatusFile(options.DataDirectory));
        }
        catch
        {
            foreach (var sampler in built) sampler.Sensor.Dispose();
            outbox?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            @lock.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Publisher.Dispose();
        foreach (var sampler in Samplers) sampler.Sensor.Dispose();
        await _outbox.DisposeAsync();
        _lock.Dispose();
    }
}
