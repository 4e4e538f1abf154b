using CityBrain.Ingest.Broker;
using CityBrain.SensorThings.Model;

namespace CityBrain.SensorThings.Mqtt;

/// <summary>The topics of the MQTT extension: <c>v1.1/Datastreams('device:dev-001:pm2_5')/Observations</c>, the id
/// quoted and escaped exactly as in the HTTP API's links, so a client can build the topic from a Datastream's
/// selfLink.</summary>
public static class StaTopics
{
    private const string DatastreamsPrefix = ClientIdentity.ReaderRoot + "Datastreams(";
    private const string ObservationsSuffix = ")/Observations";

    public static string Observations(string datastreamId) => $"{DatastreamsPrefix}{StaIds.Key(datastreamId)}{ObservationsSuffix}";

    /// <summary>Reads a subscription's filter (under <c>v1.1/</c>): a wildcard filter, which may match any published
    /// topic (<paramref name="datastream"/> null), or one Datastream's Observations. False, with a sentence naming what
    /// is wrong, for any other topic.</summary>
    public static bool TryParseFilter(string filter, out DatastreamKey? datastream, out string problem)
    {
        datastream = null;
        problem = "";
        if (filter.Contains('+', StringComparison.Ordinal) || filter.Contains('#', StringComparison.Ordinal)) return true;
        if (filter.Contains('?', StringComparison.Ordinal))
        {
            return Fail($"'{filter}' carries query options, which this node does not apply to MQTT topics: subscribe to the topic without them", out problem);
        }
        if (!filter.StartsWith(DatastreamsPrefix, StringComparison.Ordinal) || !filter.EndsWith(ObservationsSuffix, StringComparison.Ordinal)
            || filter.Length < DatastreamsPrefix.Length + ObservationsSuffix.Length + 2)
        {
            return Fail($"'{filter}' is not published here: this node publishes new Observations on {ClientIdentity.ReaderRoot}Datastreams('{{id}}')/Observations", out problem);
        }
        var key = filter[DatastreamsPrefix.Length..^ObservationsSuffix.Length];
        var id = key.Length >= 2 && key[0] == '\'' && key[^1] == '\'' ? Uri.UnescapeDataString(key[1..^1].Replace("''", "'", StringComparison.Ordinal)) : null;
        if (id is null || !StaIds.TryParseDatastream(id, out var parsed))
        {
            return Fail($"{key} is not a Datastream id; ids are quoted, e.g. Datastreams('device:dev-001:pm2_5')", out problem);
        }
        if (Observations(id) != filter) return Fail($"write the topic as {Observations(id)}, as the Datastream's links do", out problem);
        datastream = parsed;
        return true;
    }

    private static bool Fail(string sentence, out string problem)
    {
        problem = sentence;
        return false;
    }
}
