using System.Text.Json.Serialization;
using CityBrain.Contracts.Vocabulary;

namespace CityBrain.Contracts.Payloads;

/// <summary>The gateway's own state, published on <c>…/health</c> about once a minute. Members that may be unknown
/// are written as explicit nulls: they are required, so a report that leaves them out is malformed.</summary>
/// <param name="RefusedReports">Reports the cluster refused for good (a permanent PUBACK reason code), set aside by the gateway.</param>
/// <param name="Broker">The broker (host:port) the gateway is connected to: a node's own, or a proxy in front of them.</param>
/// <param name="Failovers">How often the gateway connected to another broker than the one before, since it started.</param>
/// <param name="Site">Where the gateway stands, as its technician recorded it at provisioning; absent when not recorded.</param>
public sealed record Health(
    int Version,
    string DeviceId,
    DateTimeOffset Timestamp,
    double UptimeSeconds,
    long OutboxDepth,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? OldestUnsentAgeSeconds,
    long ThinnedReports,
    long DroppedReports,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? LastPublish,
    IReadOnlyList<SensorHealth> Sensors,
    double? CpuTemperature = null,
    long? FreeDiskBytes = null,
    double? ClockSkewSeconds = null,
    string? SoftwareVersion = null,
    long? RefusedReports = null,
    string? Broker = null,
    long? Failovers = null,
    Site? Site = null);

/// <summary>A monitoring site: its name (e.g. "奥体中心") and its position in WGS 84 decimal degrees. Each part may be
/// unknown (written as explicit nulls, like the report's own unknowns), but a position is both coordinates or neither.</summary>
public sealed record Site(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Latitude,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] double? Longitude)
{
    /// <summary>A name fits one line of a list and a map label.</summary>
    public const int MaxNameLength = 64;

    /// <summary>What is wrong with the site, in one sentence naming the field; null for a good one. The gateway checks
    /// its configuration with it and the cluster what it receives, so both refuse the same sites alike.</summary>
    public string? Problem()
    {
        if (Name is { } name)
        {
            if (string.IsNullOrWhiteSpace(name)) return "site name is blank; leave it out or give the site's name";
            if (name.Length > MaxNameLength) return $"site name is {name.Length} characters long; at most {MaxNameLength}";
            if (name.Any(char.IsControl)) return "site name contains a control character; give it as one line of text";
        }
        if ((Latitude is null) != (Longitude is null)) return "site position needs both latitude and longitude, or neither";
        if (Latitude is { } lat && (!double.IsFinite(lat) || lat is < -90 or > 90))
        {
            var swapped = lat is >= -180 and <= 180 && Longitude is >= -90 and <= 90 ? "; latitude and longitude look swapped" : "";
            return FormattableString.Invariant($"site latitude {lat} is not on Earth: -90..90{swapped}");
        }
        if (Longitude is { } lon && (!double.IsFinite(lon) || lon is < -180 or > 180)) return FormattableString.Invariant($"site longitude {lon} is not on Earth: -180..180");
        return null;
    }
}

public sealed record SensorHealth(
    string Sensor,
    string Model,
    long Samples,
    long Errors,
    string? LastError = null,
    Calibration? Calibration = null);

/// <summary>A linear field calibration: reported = raw · Factor + Offset.</summary>
/// <param name="Quantity">The quantity it corrects, for a sensor that measures more than one.</param>
public sealed record Calibration(double Offset, double Factor, DateOnly? Date = null, Quantity? Quantity = null);
