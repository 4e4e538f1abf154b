using System.Buffers;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CityBrain.Edge.Configuration;

/// <summary>The sampling settings in force: those of appsettings.json until the cluster sends a configuration on the
/// retained config topic, which then applies at once and is kept in the data directory so that it survives a
/// restart without the broker.</summary>
public sealed class LiveSettings
{
    private readonly string _path;
    private readonly ILogger<LiveSettings> _logger;
    private readonly Lock _gate = new();

    public LiveSettings(IOptions<GatewayOptions> options, ILogger<LiveSettings> logger)
    {
        _logger = logger;
        var o = options.Value;
        ReportInterval = o.ReportInterval;
        SampleInterval = o.SampleInterval;
        _path = Path.Combine(o.DataDirectory, "device-config.json");
        if (File.Exists(_path))
        {
            var kept = WireFormat.ParseDeviceConfig(new ReadOnlySequence<byte>(File.ReadAllBytes(_path)));
            if (kept.Ok) Use(kept.Value);
            else logger.LogWarning("Ignoring the kept device configuration {Path}: {Reason}", _path, kept.Rejection.Reason);
        }
    }

    public TimeSpan ReportInterval { get; private set; }

    public TimeSpan SampleInterval { get; private set; }

    /// <summary>Sensor names to read; null reads all configured sensors.</summary>
    public IReadOnlySet<string>? EnabledSensors { get; private set; }

    public bool IsEnabled(string sensor) => EnabledSensors?.Contains(sensor) ?? true;

    /// <summary>Applies a configuration message from the cluster; a malformed one is refused with its reason and changes nothing.</summary>
    public bool Apply(ReadOnlySequence<byte> payload)
    {
        var parsed = WireFormat.ParseDeviceConfig(payload);
        if (!parsed.Ok)
        {
            _logger.LogWarning("Refused a configuration from the cluster: {Reason}", parsed.Rejection.Reason);
            return false;
        }
        lock (_gate)
        {
            Use(parsed.Value);
            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            var temporary = _path + ".tmp";
            File.WriteAllBytes(temporary, WireFormat.Serialize(parsed.Value));
            File.Move(temporary, _path, overwrite: true);
        }
        _logger.LogInformation("Applied configuration from the cluster: report every {ReportInterval}, sample every {SampleInterval}",
            ReportInterval, SampleInterval);
        return true;
    }

    private void Use(DeviceConfig config)
    {
        ReportInterval = TimeSpan.FromSeconds(config.ReportIntervalSeconds);
        if (config.SampleIntervalSeconds is { } sample) SampleInterval = TimeSpan.FromSeconds(sample);
        EnabledSensors = config.EnabledSensors?.ToHashSet(StringComparer.Ordinal);
    }
}
