using System.Buffers;
using System.Globalization;
using System.Text;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.History;

namespace CityBrain.SensorThings.Model;

/// <summary>The service's string ids (README, "Ids"): readable, stable across restarts, and derived from CityBrain's own
/// keys, so that an id can be resolved without a lookup table and the MQTT extension names the same topics.</summary>
public static class StaIds
{
    public const string HourlyMean = "procedure:hourly-mean";
    public const string DailyMean = "procedure:daily-mean";
    public const string Aqi = "procedure:hj633-aqi";

    private const string Hour = "hour";

    /// <summary>What a key may hold unencoded: RFC 3986's unreserved characters and the sub-delimiters a path segment
    /// allows, less the quote.</summary>
    private static readonly SearchValues<char> PlainCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~:@!$&*+,;=");
    private const string Day = "day";

    /// <summary>The id of a Thing, and of its Location, HistoricalLocation and FeatureOfInterest.</summary>
    public static string Place(HistoryScope scope, string id) => $"{Prefix(scope)}:{id}";

    public static string Sensor(string sensor)
    {
        var at = sensor.IndexOf('@', StringComparison.Ordinal);
        return "sensor:" + (at < 0 ? sensor : sensor[..at]);
    }

    public static string Datastream(DatastreamKey key) => key.Resolution switch
    {
        null => $"{Place(key.Scope, key.PlaceId)}:{key.Metric}",
        HistoryResolution.Hour => $"{Place(key.Scope, key.PlaceId)}:{key.Metric}:{Hour}",
        _ => $"{Place(key.Scope, key.PlaceId)}:{key.Metric}:{Day}",
    };

    /// <summary>A raw Observation: its datastream and the report's sequence number.</summary>
    public static string Observation(string datastreamId, long sequence) => $"{datastreamId}:{sequence.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>An hourly or daily Observation: its datastream and the period's start in Unix seconds.</summary>
    public static string Observation(string datastreamId, DateTimeOffset periodStart) => Observation(datastreamId, periodStart.ToUnixTimeSeconds());

    public static bool TryParsePlace(string id, out HistoryScope scope, out string placeId)
    {
        var colon = id.IndexOf(':', StringComparison.Ordinal);
        placeId = colon < 0 ? "" : id[(colon + 1)..];
        return TryParseScope(colon < 0 ? id : id[..colon], out scope) && placeId.Length > 0 && !placeId.Contains(':', StringComparison.Ordinal);
    }

    public static bool TryParseDatastream(string id, out DatastreamKey key)
    {
        key = default!;
        var parts = id.Split(':');
        if (parts.Length is < 3 or > 4 || !TryParseScope(parts[0], out var scope) || parts.Any(p => p.Length == 0)) return false;
        HistoryResolution? resolution = null;
        if (parts.Length == 4)
        {
            if (parts[3] is not (Hour or Day)) return false;
            resolution = parts[3] == Hour ? HistoryResolution.Hour : HistoryResolution.Day;
        }
        else if (scope != HistoryScope.Device)
        {
            return false;
        }
        key = new DatastreamKey(scope, parts[1], parts[2], resolution);
        return true;
    }

    /// <summary>Splits an Observation id into its datastream id and its number (a sequence, or Unix seconds).</summary>
    public static bool TryParseObservation(string id, out string datastreamId, out long number)
    {
        var colon = id.LastIndexOf(':');
        datastreamId = colon < 0 ? "" : id[..colon];
        number = 0;
        return colon > 0 && long.TryParse(id.AsSpan(colon + 1), NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }

    /// <summary>An id as it appears in a URL: quoted, a quote doubled, and percent-encoded where a path could not
    /// carry it (a sensor name may hold a slash or a space only in theory, but a link must never break).</summary>
    public static string Key(string id)
    {
        // Every id CityBrain makes is plain; the loop below is for the sensor names it does not control.
        if (!id.AsSpan().ContainsAnyExcept(PlainCharacters)) return $"'{id}'";
        var text = new StringBuilder("'");
        foreach (var b in Encoding.UTF8.GetBytes(id))
        {
            var c = (char)b;
            if (c == '\'') text.Append("''");
            else if (b < 128 && PlainCharacters.Contains(c)) text.Append(c);
            else text.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
        }
        return text.Append('\'').ToString();
    }

    private static string Prefix(HistoryScope scope) => scope switch
    {
        HistoryScope.Device => "device",
        HistoryScope.District => "district",
        _ => "region",
    };

    private static bool TryParseScope(string prefix, out HistoryScope scope)
    {
        scope = prefix switch
        {
            "device" => HistoryScope.Device,
            "district" => HistoryScope.District,
            _ => HistoryScope.Region,
        };
        return prefix is "device" or "district" or "region";
    }
}

/// <summary>What a Datastream is a series of: a place, a metric (a quantity's wire name or a <see cref="HistoryMetrics"/>
/// name), and a resolution, or none for a device's raw reports.</summary>
public sealed record DatastreamKey(HistoryScope Scope, string PlaceId, string Metric, HistoryResolution? Resolution)
{
    public bool IsRaw => Resolution is null;

    public bool TryGetQuantity(out Quantity quantity)
    {
        quantity = default;
        if (!Quantities.TryParse(Metric, out var info)) return false;
        quantity = info.Quantity;
        return true;
    }
}
