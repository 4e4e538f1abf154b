using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Devices;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;

namespace CityBrain.Grains.Hours;

/// <summary>A device's open clock hours: one <see cref="HourTally"/> per quantity while reports arrive, closed a
/// little after the hour ends into hourly means. An hour that closed incomplete stays for the late window, so a
/// backlog drained after an outage completes it instead of replacing it with its second half; a complete hour is
/// dropped at once and remembered only by its start, which is what keeps a million devices small.</summary>
[GenerateSerializer, Alias("citybrain.DeviceHours.v1")]
public sealed class DeviceHours
{
    [Id(0)] public List<DeviceHour> Hours { get; set; } = [];

    /// <summary>Starts of the hours within the late window that closed complete.</summary>
    [Id(1)] public List<DateTimeOffset> Completed { get; set; } = [];

    /// <summary>Readings that came too late to count in an hourly mean (still kept in the raw journal).</summary>
    [Id(2)] public long LateReadings { get; set; }

    /// <summary>Valid hourly values per closed hour, for the data-validity rate.</summary>
    [Id(3)] public Dictionary<DateTimeOffset, int> ValidValues { get; set; } = [];

    public DateTimeOffset? NextCloseAt => Hours.Where(h => h.Pending).Select(h => (DateTimeOffset?)h.CloseAt).Min();

    /// <summary>Takes one journalled report as it was received: first the hours that were due to close by then close
    /// (as the close timer would have closed them), then the report counts. Live ingest and every replay go through
    /// here, so a report replayed from the journal lands in the same hours, late or not, as it did live.</summary>
    public IReadOnlyList<ClosedHour> Record(LocalCalendar calendar, TelemetryBatch batch, HourTiming timing)
    {
        var closed = CloseDue(batch.ReceivedAt, timing);
        Add(calendar, batch, batch.ReceivedAt, timing);
        return closed;
    }

    /// <param name="now">When the report was received: replaying it from the journal later puts it in the same hours,
    /// late or not, as taking it live did.</param>
    public void Add(LocalCalendar calendar, TelemetryBatch batch, DateTimeOffset now, HourTiming timing)
    {
        var touched = new HashSet<DeviceHour>();
        foreach (var reading in batch.Readings)
        {
            var window = new WindowReading(batch.WindowStart, batch.WindowSeconds, reading.Value, reading.Quality);
            for (var hour = calendar.HourOf(window.Start); hour.Start < window.End; hour = calendar.HourOf(hour.End))
            {
                if (HourFor(hour, now, timing) is not { } open)
                {
                    LateReadings++;
                    continue;
                }
                open.Add(reading.Quantity, window);
                touched.Add(open);
            }
        }
        // An overdue hour that this report completed cannot change any more (a complete hour is never reopened): it
        // closes now rather than after the close delay, so history sent as one report per hour shows at once.
        foreach (var open in touched.Where(h => h.Hour.End + timing.CloseDelay <= now && h.Tallies.Values.All(t => t.IsComplete)))
        {
            open.CloseAt = now;
        }
    }

    /// <summary>Closes every hour due at <paramref name="now"/>: its means, and what the district should add.</summary>
    public IReadOnlyList<ClosedHour> CloseDue(DateTimeOffset now, HourTiming timing)
    {
        var closed = new List<ClosedHour>();
        foreach (var hour in Hours.Where(h => h.Pending && h.CloseAt <= now).ToList())
        {
            var means = hour.Tallies.ToDictionary(kv => kv.Key, kv => kv.Value.ToMean());
            var share = means.Where(kv => kv.Value.Value is not null).ToDictionary(kv => kv.Key, kv => Contribution.Of(kv.Key, kv.Value.Value!.Value));
            closed.Add(new ClosedHour(hour.Hour, means, share));
            hour.Pending = false;
            ValidValues[hour.Hour.Start] = share.Count;
            if (hour.Tallies.Values.All(t => t.IsComplete))
            {
                Hours.Remove(hour);
                Completed.Add(hour.Hour.Start);
            }
        }
        Forget(now - timing.LateWindow);
        return closed;
    }

    /// <summary>Valid hourly values of the closed hours since <paramref name="from"/>.</summary>
    public int ValidSince(DateTimeOffset from) => ValidValues.Where(kv => kv.Key >= from).Sum(kv => kv.Value);

    private DeviceHour? HourFor(ClockHour hour, DateTimeOffset now, HourTiming timing)
    {
        if (hour.End < now - timing.LateWindow || Completed.Contains(hour.Start)) return null;
        var open = Hours.Find(h => h.Hour.Start == hour.Start);
        if (open is null)
        {
            open = new DeviceHour { Hour = hour };
            Hours.Add(open);
        }
        if (!open.Pending)
        {
            // A new hour closes once its reports are in; one reopened by late data closes once the backlog is.
            open.Pending = true;
            var due = hour.End + timing.CloseDelay;
            open.CloseAt = due > now ? due : now + timing.CloseDelay;
        }
        return open;
    }

    private void Forget(DateTimeOffset before)
    {
        Hours.RemoveAll(h => !h.Pending && h.Hour.End < before);
        Completed.RemoveAll(start => start.AddHours(1) < before);
        foreach (var start in ValidValues.Keys.Where(start => start.AddHours(1) < before).ToList()) ValidValues.Remove(start);
    }
}

[GenerateSerializer, Alias("citybrain.DeviceHour.v1")]
public sealed class DeviceHour
{
    [Id(0)] public ClockHour Hour { get; set; }

    [Id(1)] public Dictionary<Quantity, HourTally> Tallies { get; set; } = [];

    [Id(3)] public bool Pending { get; set; }

    [Id(4)] public DateTimeOffset CloseAt { get; set; }

    public void Add(Quantity quantity, WindowReading reading)
    {
        if (!Tallies.TryGetValue(quantity, out var tally)) Tallies[quantity] = tally = new HourTally(Hour, MeanKinds.For(quantity));
        tally.Add(reading);
    }
}

/// <summary>An hour a device closed: its means (invalid ones included, with their counts) and its share of the
/// district's hour, which replaces any share it gave for that hour before.</summary>
public sealed record ClosedHour(ClockHour Hour, IReadOnlyDictionary<Quantity, HourlyMean> Means, IReadOnlyDictionary<Quantity, Contribution> Share)
{
    /// <summary>What closing these hours writes, in one commit: the device's hourly history and its shares of the
    /// district's hours.</summary>
    public static (IReadOnlyList<HistoryPoint> Points, IReadOnlyList<HourShare> Shares) Records(string deviceId, string districtId, IEnumerable<ClosedHour> closed)
    {
        var hours = closed.ToList();
        return ([.. hours.SelectMany(c => c.Means.Select(m => new HistoryPoint(HistoryScope.Device, deviceId,
                HistoryMetrics.Of(m.Key), HistoryResolution.Hour, c.Hour.Start, m.Value.Value, m.Value.Usable)))],
            [.. hours.Select(c => Contribution.Share(HistoryScope.Device, deviceId, districtId, c.Hour, c.Share))]);
    }
}

/// <param name="CloseDelay">How long after an hour ends it is closed, so reports still in flight count in it.</param>
/// <param name="LateWindow">How far back late reports still change hourly means.</param>
public sealed record HourTiming(TimeSpan CloseDelay, TimeSpan LateWindow);
