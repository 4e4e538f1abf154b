using System.Buffers;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Sampling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge.Configuration;

/// <summary>The sampling settings in force: those of the local configuration until the cluster sends a
/// configuration on the device's retained config topic, which then applies at once and is kept in the data directory
/// so that it survives a restart without the broker.</summary>
/// <remarks>For a sensor's sampling interval the more specific setting wins, and the cluster's wins over the local
/// one of the same level: the cluster's interval for the sensor, the sensor's local interval, the cluster's default,
/// the local default.</remarks>
public sealed class LiveSettings : ISamplingSchedule
{
    public const string FileName = "device-config.json";
    private readonly GatewayOptions _local;
    private readonly string _path;
    private readonly ILogger<LiveSettings> _logger;
    private readonly Lock _gate = new();
    private DeviceConfig? _remote;
    private CancellationTokenSource _changed = new();

    public LiveSettings(IOptions<GatewayOptions> options, ILogger<LiveSettings> logger)
    {
        _local = options.Value;
        _logger = logger;
        _path = Path.Combine(_local.DataDirectory, FileName);
        if (!File.Exists(_path)) return;
        var kept = WireFormat.ParseDeviceConfig(new ReadOnlySequence<byte>(File.ReadAllBytes(_path)));
        if (kept.Ok) _remote = kept.Value;
        else logger.LogWarning("Ignoring the kept device configuration {Path}: {Reason}", _path, kept.Rejection.Reason);
    }

    /// <summary>The configuration from the cluster in force, if any.</summary>
    public DeviceConfig? Remote => Volatile.Read(ref _remote);

    public TimeSpan ReportInterval => Remote is { } r ? TimeSpan.FromSeconds(r.ReportIntervalSeconds) : _local.ReportInterval;

    /// <summary>The default sampling interval, for sensors without one of their own.</summary>
    public TimeSpan SampleInterval => Remote?.SampleIntervalSeconds is { } s ? TimeSpan.FromSeconds(s) : _local.SampleInterval;

    public CancellationToken Changed
    {
        get { lock (_gate) return _changed.Token; }
    }

    public TimeSpan IntervalOf(string sensor, TimeSpan? configured) =>
        Remote?.SensorSampleIntervals?.TryGetValue(sensor, out var seconds) == true ? TimeSpan.FromSeconds(seconds) : configured ?? SampleInterval;

    public bool IsEnabled(string sensor) => Remote?.EnabledSensors is not { } enabled || enabled.Contains(sensor, StringComparer.Ordinal);

    /// <summary>Applies a configuration message from the cluster; a malformed one is refused with its reason and changes nothing.</summary>
    public bool Apply(ReadOnlySequence<byte> payload)
    {
        var parsed = WireFormat.ParseDeviceConfig(payload);
        if (!parsed.Ok)
        {
            _logger.LogWarning("Refused a configuration from the cluster: {Reason}", parsed.Rejection.Reason);
            return false;
        }
        CancellationTokenSource previous;
        lock (_gate)
        {
            Directory.CreateDirectory(_local.DataDirectory);
            var temporary = _path + ".tmp";
            File.WriteAllBytes(temporary, WireFormat.Serialize(parsed.Value));
            File.Move(temporary, _path, overwrite: true);
            Volatile.Write(ref _remote, parsed.Value);
            previous = _changed;
            _changed = new CancellationTokenSource();
        }
        // Not disposed: a sampler may be linking to its token right now. It holds no timer, so nothing leaks.
        previous.Cancel();
        _logger.LogInformation("Applied the configuration from the cluster: report every {ReportInterval}, sample every {SampleInterval}, sensors {Sensors}",
            ReportInterval, SampleInterval, parsed.Value.EnabledSensors is { } enabled ? string.Join(", ", enabled) : "all");
        return true;
    }
}
