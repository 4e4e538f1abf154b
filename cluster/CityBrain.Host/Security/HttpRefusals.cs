using System.Diagnostics.Metrics;
using CityBrain.Ingest.Broker;

namespace CityBrain.Host.Security;

/// <summary>Requests refused by a rate limit, counted by limit (OpenTelemetry counter
/// <c>citybrain.http.refused</c>) and logged at most once a minute per limit: a flood must not become a flood of lines.</summary>
public sealed partial class HttpRefusals
{
    public const string MeterName = "CityBrain.Http";
    private readonly Counter<long> _refused;
    private readonly Dictionary<string, StormLog> _logs;
    private readonly ILogger<HttpRefusals> _logger;

    public HttpRefusals(IMeterFactory meterFactory, TimeProvider time, ILogger<HttpRefusals> logger)
    {
        _refused = meterFactory.Create(MeterName).CreateCounter<long>("citybrain.http.refused", description: "HTTP requests refused by a rate limit");
        _logs = HttpProtection.LimitNames.ToDictionary(limit => limit, _ => new StormLog(time), StringComparer.Ordinal);
        _logger = logger;
    }

    /// <param name="limit">One of <see cref="HttpProtection.LimitNames"/>.</param>
    public void Refused(string limit, string partition)
    {
        _refused.Add(1, new KeyValuePair<string, object?>("limit", limit));
        if (_logs[limit].ShouldLog(out var count)) LogRefused(_logger, count, limit, partition);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Count} HTTP requests over the {Limit} limit in the last minute, the latest from {Partition}")]
    private static partial void LogRefused(ILogger logger, long count, string limit, string partition);
}
