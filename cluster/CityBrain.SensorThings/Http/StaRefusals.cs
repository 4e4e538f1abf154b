using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace CityBrain.SensorThings.Http;

/// <summary>Requests the service answered with an error, counted by status (OpenTelemetry counter
/// <c>citybrain.sta.refused</c>) and logged at most once a minute with how many there were: a client can send any
/// number of malformed queries, and each must not become a log line.</summary>
public sealed partial class StaRefusals
{
    public const string MeterName = "CityBrain.SensorThings";
    private static readonly TimeSpan Quiet = TimeSpan.FromMinutes(1);

    private readonly Counter<long> _refused;
    private readonly TimeProvider _time;
    private readonly ILogger<StaRefusals> _logger;
    private long _unlogged;
    private long _nextLogTicks;

    public StaRefusals(IMeterFactory meters, TimeProvider time, ILogger<StaRefusals> logger)
    {
        _refused = meters.Create(MeterName).CreateCounter<long>("citybrain.sta.refused", description: "SensorThings requests answered with an error");
        _time = time;
        _logger = logger;
    }

    public void Refused(int status, string error)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("status", status));
        var count = Interlocked.Increment(ref _unlogged);
        var now = _time.GetUtcNow().UtcTicks;
        var next = Interlocked.Read(ref _nextLogTicks);
        if (now < next || Interlocked.CompareExchange(ref _nextLogTicks, now + Quiet.Ticks, next) != next) return;
        Interlocked.Add(ref _unlogged, -count);
        LogRefused(count, status, error);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "SensorThings answered {Count} requests with an error since the last line, the latest {Status}: {Error}")]
    private partial void LogRefused(long count, int status, string error);
}
