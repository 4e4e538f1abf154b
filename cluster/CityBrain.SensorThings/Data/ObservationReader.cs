using System.Runtime.CompilerServices;
using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.SensorThings.Model;
using Microsoft.Extensions.Logging;

namespace CityBrain.SensorThings.Data;

/// <summary>Reads a Datastream's Observations from where CityBrain keeps them: raw ones from the journal (one entry
/// at a time, as the response is written), hourly and daily ones from the history store.</summary>
public sealed partial class ObservationReader(IRawJournal journal, IHistoryStore history, RegionCatalog catalog, TimeProvider time,
    ILogger<ObservationReader> logger)
{
    /// <summary>The longest stored period (a local day, 25 hours across a change of clocks): a period overlapping a range
    /// starts at most this long before it.</summary>
    private static readonly TimeSpan LongestPeriod = TimeSpan.FromHours(25);

    private static readonly TimeSpan LongestWindow = TimeSpan.FromSeconds(WireFormat.MaxWindowSeconds);

    /// <summary>The Observations of one Datastream whose phenomenon overlaps <paramref name="range"/>, in time order
    /// (oldest first, or newest first).</summary>
    public async IAsyncEnumerable<StaEntity> ReadAsync(StaGraph graph, string datastreamId, DatastreamKey key, ObservationRange range,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (key.IsRaw)
        {
            if (!key.TryGetQuantity(out var quantity)) yield break;
            var (from, to) = Bounds(range, LongestWindow);
            await foreach (var entry in journal.ReadDeviceWindowsAsync(key.PlaceId, from, to, range.NewestFirst, cancellationToken))
            {
                if (Observation(graph, entry, quantity) is { } observation) yield return observation;
            }
            yield break;
        }
        var (start, end) = Bounds(range, LongestPeriod);
        var points = await history.ReadAsync(new HistoryQuery(key.Scope, key.PlaceId, key.Resolution!.Value, start, end, [key.Metric]), cancellationToken);
        var ordered = range.NewestFirst ? points.OrderByDescending(p => p.Start) : points.OrderBy(p => p.Start);
        foreach (var point in ordered) yield return StaObservations.FromPoint(point, datastreamId, PeriodEnd(key, point.Start), graph);
    }

    /// <summary>One Observation of a Datastream the graph holds, by its number (a sequence, or Unix seconds); null
    /// when there is none.</summary>
    public async Task<StaEntity?> FindAsync(StaGraph graph, string datastreamId, DatastreamKey key, long number, CancellationToken cancellationToken)
    {
        if (key.IsRaw)
        {
            if (!key.TryGetQuantity(out var quantity)) return null;
            return await journal.FindAsync(key.PlaceId, number, cancellationToken) is { } entry ? Observation(graph, entry, quantity) : null;
        }
        if (number < WireFormat.EarliestTimestamp.ToUnixTimeSeconds() || number > time.GetUtcNow().AddDays(2).ToUnixTimeSeconds()) return null;
        var start = DateTimeOffset.FromUnixTimeSeconds(number);
        var points = await history.ReadAsync(new HistoryQuery(key.Scope, key.PlaceId, key.Resolution!.Value, start, start.AddSeconds(1), [key.Metric]),
            cancellationToken);
        return points.FirstOrDefault(p => p.Start == start) is { } point ? StaObservations.FromPoint(point, datastreamId, PeriodEnd(key, start), graph) : null;
    }

    private StaEntity? Observation(StaGraph graph, JournalEntry entry, Quantity quantity)
    {
        if (!StaObservations.TryRead(entry, out var report))
        {
            LogUnreadable(entry.DeviceId, entry.Sequence);
            return null;
        }
        var reading = report.Readings.FirstOrDefault(r => r.Quantity == quantity);
        return reading is null ? null : StaObservations.FromReading(report, reading, graph);
    }

    private DateTimeOffset PeriodEnd(DatastreamKey key, DateTimeOffset start) => key.Resolution == HistoryResolution.Hour
        ? start.AddHours(1)
        : catalog.Calendar.StartOf(catalog.Calendar.DayOf(start).AddDays(1));

    /// <summary>Storage bounds on the period start: a period that starts up to <paramref name="longest"/> before the
    /// range still overlaps it. Without bounds, everything from the first possible report to a day ahead.</summary>
    private (DateTimeOffset From, DateTimeOffset To) Bounds(ObservationRange range, TimeSpan longest)
    {
        var from = range.From is { } f && f - longest > WireFormat.EarliestTimestamp ? f - longest : WireFormat.EarliestTimestamp;
        var latest = time.GetUtcNow().AddDays(1);
        var to = range.To is { } t && t < latest ? t.AddTicks(1) : latest;
        return (from, to < from ? from : to);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journal entry {DeviceId}/{Sequence} is not telemetry JSON; SensorThings leaves it out")]
    private partial void LogUnreadable(string deviceId, long sequence);
}

/// <summary>A time range the phenomenon of an Observation must overlap (both ends included); null ends are open.</summary>
public readonly record struct ObservationRange(DateTimeOffset? From, DateTimeOffset? To, bool NewestFirst = false)
{
    public static ObservationRange All { get; } = new(null, null);
}
