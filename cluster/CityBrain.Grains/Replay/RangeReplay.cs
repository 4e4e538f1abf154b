using CityBrain.Contracts.Journal;
using CityBrain.Contracts.Parsing;
using CityBrain.Grains.Areas;
using CityBrain.Grains.Devices;
using CityBrain.Grains.Hours;
using CityBrain.Grains.Regions;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;

namespace CityBrain.Grains.Replay;

/// <summary>Recomputes a range of hours from the journal: every device's hours through the same
/// <see cref="DeviceHours.Record"/> live ingest uses, then the districts' hours and every region's above them, level
/// by level, from the shares that wrote, and their history. Every write replaces what was there, so running it twice, or again after an interruption,
/// gives the same numbers. Meant for a stopped host's data: the grains of a running one cache what this rewrites.</summary>
public sealed class RangeReplay(IRawJournal journal, IHistoryStore history, RegionCatalog catalog, GrainOptions options)
{
    /// <summary>How far before an hour a report whose window reaches into it may start.</summary>
    private static readonly TimeSpan LongestWindow = TimeSpan.FromSeconds(WireFormat.MaxWindowSeconds);

    private LocalCalendar Calendar => catalog.Calendar;

    public async Task<ReplaySummary> RunAsync(ReplayRange range, ReplayCheckpoint checkpoint, IProgress<ReplayProgress> progress,
        CancellationToken cancellationToken)
    {
        var devices = await ReplayDevicesAsync(range, checkpoint, progress, cancellationToken);
        var hours = HoursOf(range).ToList();
        var districts = range.District is { } one ? [one] : catalog.Tree.Leaves.Select(d => d.Id).ToList();
        var areas = 0;
        foreach (var district in districts)
        {
            await SumAreaAsync(district, [HistoryScope.Device], hours, cancellationToken);
            progress.Report(new ReplayProgress(ReplayPhase.Districts, ++areas, districts.Count, district));
        }
        // Lowest regions first, so each sums shares its children have just rewritten; only the regions above the
        // districts replayed.
        var regions = TreeRegionsAbove(districts).OrderBy(catalog.HeightOf).ToList();
        areas = 0;
        foreach (var region in regions)
        {
            catalog.Tree.TryFind(region, out var node);
            await SumAreaAsync(region, [.. node.Children.Select(RegionCatalog.ScopeOf).Distinct()], hours, cancellationToken);
            progress.Report(new ReplayProgress(ReplayPhase.Regions, ++areas, regions.Count, region));
        }
        checkpoint.Clear();
        return devices with { DistrictHours = districts.Count * hours.Count, RegionHours = regions.Count * hours.Count };
    }

    private HashSet<string> TreeRegionsAbove(IEnumerable<string> districts)
    {
        var regions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var district in districts)
        {
            var parent = catalog.ParentIdOf(district);
            while (parent is not null && regions.Add(parent)) parent = catalog.ParentIdOf(parent);
        }
        return regions;
    }

    /// <summary>The clock hours the range covers, whole: a range that starts or ends inside an hour takes all of it.</summary>
    public IEnumerable<ClockHour> HoursOf(ReplayRange range)
    {
        for (var hour = Calendar.HourOf(range.From); hour.Start < range.To; hour = Calendar.HourOf(hour.End)) yield return hour;
    }

    private async Task<ReplaySummary> ReplayDevicesAsync(ReplayRange range, ReplayCheckpoint checkpoint, IProgress<ReplayProgress> progress,
        CancellationToken cancellationToken)
    {
        var first = Calendar.HourOf(range.From).Start;
        var end = Calendar.HourOf(range.To - TimeSpan.FromTicks(1)).End;
        var total = await journal.CountRangeAsync(first - LongestWindow, end, range.District, cancellationToken);
        var timing = new HourTiming(options.HourCloseDelay, options.LateWindow);
        var summary = new ReplaySummary(0, 0, 0, 0, 0, 0);
        var read = 0L;
        DeviceReplay? device = null;
        await foreach (var entry in journal.ReadRangeAsync(first - LongestWindow, end, range.District, cancellationToken))
        {
            read++;
            if (device?.DeviceId != entry.DeviceId)
            {
                if (device is not null) summary = await FinishAsync(device, summary, checkpoint, cancellationToken);
                device = checkpoint.IsDone(entry.DeviceId) ? null : new DeviceReplay(entry.DeviceId);
            }
            if (device is null) continue;
            if (TelemetryBatch.FromJournal(entry, out _) is { } batch)
            {
                device.Take(device.Hours.Record(Calendar, batch, timing));
                device.District = batch.DistrictId;
                device.Reports++;
            }
            else
            {
                device.Skipped++;
            }
            if (read % 1000 == 0) progress.Report(new ReplayProgress(ReplayPhase.Devices, read, total, entry.DeviceId));
        }
        if (device is not null) summary = await FinishAsync(device, summary, checkpoint, cancellationToken);
        progress.Report(new ReplayProgress(ReplayPhase.Devices, read, total, null));
        return summary;

        async Task<ReplaySummary> FinishAsync(DeviceReplay replayed, ReplaySummary sum, ReplayCheckpoint done, CancellationToken ct)
        {
            // Every hour still open closes as its timer would have closed it.
            replayed.Take(replayed.Hours.CloseDue(DateTimeOffset.MaxValue, timing));
            var inRange = replayed.Closed.Values.Where(c => c.Hour.Hour.Start >= first && c.Hour.Hour.Start < end).ToList();
            foreach (var byDistrict in inRange.GroupBy(c => c.District))
            {
                var (points, shares) = ClosedHour.Records(replayed.DeviceId, byDistrict.Key, byDistrict.Select(c => c.Hour));
                await history.WriteAsync(points, shares, ct);
            }
            done.MarkDone(replayed.DeviceId);
            return sum with
            {
                Devices = sum.Devices + 1,
                Reports = sum.Reports + replayed.Reports,
                Skipped = sum.Skipped + replayed.Skipped,
                DeviceHours = sum.DeviceHours + inRange.Count,
            };
        }
    }

    /// <summary>Sums an area's hours in the range from its members' stored shares, with the hours around them (what
    /// the 24-hour means and the days need) as they are stored, and rewrites their history and the area's own shares.</summary>
    private async Task SumAreaAsync(string id, IReadOnlyList<HistoryScope> memberScopes, IReadOnlyList<ClockHour> hours, CancellationToken cancellationToken)
    {
        var first = hours[0].Start;
        var end = hours[^1].End;
        var area = new AreaHours();
        catalog.Tree.TryFind(id, out var node);
        var scope = RegionCatalog.ScopeOf(node);
        var parent = catalog.ParentIdOf(id);
        var stored = new List<HourTotal>();
        foreach (var memberScope in memberScopes)
        {
            stored.AddRange(await history.ReadSharesAsync(memberScope, id, first - AreaHours.Kept, end + TimeSpan.FromHours(25), cancellationToken));
        }
        var byHour = AreaHourSums.Combine(stored).ToLookup(t => t.Hour);
        foreach (var hour in byHour) area.Replace(Calendar.HourOf(hour.Key), hour);
        // Hours of the range without any share are summed too: to nothing, replacing what the history held.
        foreach (var hour in hours) area.Replace(hour, byHour[hour.Start]);
        var indicators = options.IndicatorsFor(Calendar);
        var points = hours.SelectMany(h => indicators.PointsOf(scope, id, area, h)).ToList();
        var shares = parent is null ? [] : hours.Select(h => area.ShareOf(scope, id, parent, h)).ToList();
        await history.WriteAsync(points, shares, cancellationToken);
    }

    /// <summary>One device's hours as the journal rebuilds them; the last close of an hour is the one that counts.</summary>
    private sealed class DeviceReplay(string deviceId)
    {
        public string DeviceId { get; } = deviceId;
        public DeviceHours Hours { get; } = new();
        public string District { get; set; } = "";
        public long Reports { get; set; }
        public long Skipped { get; set; }
        public Dictionary<DateTimeOffset, (ClosedHour Hour, string District)> Closed { get; } = [];

        public void Take(IReadOnlyList<ClosedHour> closed)
        {
            foreach (var hour in closed) Closed[hour.Hour.Start] = (hour, District);
        }
    }
}

public sealed record ReplayRange(DateTimeOffset From, DateTimeOffset To, string? District = null);

public sealed record ReplaySummary(int Devices, long Reports, long Skipped, int DeviceHours, int DistrictHours, int RegionHours);

public enum ReplayPhase
{
    Devices,
    Districts,
    Regions,
}

public sealed record ReplayProgress(ReplayPhase Phase, long Done, long Total, string? Current);
