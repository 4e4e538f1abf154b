using System.Text.Json;
using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.History;
using CityBrain.SensorThings.Json;
using CityBrain.SensorThings.Query;

namespace CityBrain.SensorThings.Model;

/// <summary>Observations from CityBrain's data: one per reading of a journalled report (its Datastream is the device's
/// raw series of that quantity), and one per stored hourly or daily history point.</summary>
public static class StaObservations
{
    /// <summary>The Observations of one accepted report, one per reading in the report's order.</summary>
    /// <param name="relations">Where their Datastream and FeatureOfInterest are; null when only their JSON is wanted.</param>
    public static IEnumerable<StaEntity> FromReport(Telemetry report, IStaRelations? relations = null) =>
        report.Readings.Select(reading => FromReading(report, reading, relations));

    /// <summary>The report a journal entry holds. Entries were checked when they were accepted, so they are read
    /// without the acceptance rules (whose "not in the future" would depend on the clock); false for a payload that is
    /// not telemetry JSON at all.</summary>
    public static bool TryRead(JournalEntry entry, out Telemetry report)
    {
        try
        {
            report = JsonSerializer.Deserialize(entry.Payload.Span, ContractJsonContext.Default.Telemetry)!;
            return report is not null;
        }
        catch (JsonException)
        {
            report = null!;
            return false;
        }
    }

    /// <summary>The Datastream of a device's raw reports of one quantity.</summary>
    public static string RawDatastreamId(string deviceId, Quantity quantity) =>
        StaIds.Datastream(new DatastreamKey(HistoryScope.Device, deviceId, quantity.WireName(), null));

    /// <summary>phenomenonTime is the report window, resultTime its end; an invalid reading's result is null.</summary>
    public static StaEntity FromReading(Telemetry report, Reading reading, IStaRelations? relations = null)
    {
        var start = report.Timestamp.ToUniversalTime();
        var end = start.AddSeconds(report.WindowSeconds);
        var id = StaIds.Observation(RawDatastreamId(report.DeviceId, reading.Quantity), report.Sequence);
        return new StaEntity(EntityTypes.Observation, id,
        [
            new("phenomenonTime", new TimeInterval(start, end)),
            new("resultTime", end),
            new("result", reading.Quality == Quality.Invalid ? null : reading.Value),
            new("resultQuality", QualityOf(reading.Quality, reading.Reason)),
            new("parameters", JsonObjects.Build(w =>
            {
                w.WriteString("sensor", reading.Sensor);
                WriteOptional(w, "min", reading.Min);
                WriteOptional(w, "max", reading.Max);
                WriteOptional(w, "count", reading.Count);
            })),
        ], relations);
    }

    /// <summary>A stored hourly or daily point of <paramref name="datastreamId"/>, the period [start, <paramref name="end"/>).</summary>
    public static StaEntity FromPoint(HistoryPoint point, string datastreamId, DateTimeOffset end, IStaRelations? relations = null)
    {
        var start = point.Start.ToUniversalTime();
        return new StaEntity(EntityTypes.Observation, StaIds.Observation(datastreamId, start),
        [
            new("phenomenonTime", new TimeInterval(start, end.ToUniversalTime())),
            new("resultTime", end.ToUniversalTime()),
            new("result", point.Value),
            new("resultQuality", QualityOf(point.Value is null ? Quality.Invalid : Quality.Ok, null)),
            new("parameters", JsonObjects.Build(w =>
            {
                w.WriteNumber("count", point.Count);
                if (point.RuleSet is { } rules) w.WriteString("ruleSet", rules);
            })),
        ], relations);
    }

    /// <summary>Built once per quality: most readings have no reason, and a streamed series should not parse the same
    /// three objects over and over.</summary>
    private static readonly Dictionary<Quality, JsonElement> Plain = Enum.GetValues<Quality>().ToDictionary(q => q, q => QualityObject(q, null));

    private static JsonElement QualityOf(Quality quality, string? reason) => reason is null ? Plain[quality] : QualityObject(quality, reason);

    private static JsonElement QualityObject(Quality quality, string? reason) => JsonObjects.Build(w =>
    {
        w.WriteString("quality", quality.ToString().ToLowerInvariant());
        if (reason is not null) w.WriteString("reason", reason);
    });

    private static void WriteOptional(Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number) writer.WriteNumber(name, number);
    }
}
