using CityBrain.Indicators.History;
using CityBrain.Storage.History;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Storage.Tests.Contracts;

/// <summary>What every history store does, whichever database holds it. A test project derives one class per store.</summary>
public abstract class HistoryStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Hour = new(2026, 3, 1, 2, 0, 0, TimeSpan.Zero);

    protected FakeTimeProvider Time { get; } = new(Hour.AddHours(1));

    /// <summary>A store over this test's database; each call opens the same database anew.</summary>
    protected abstract IHistoryStore Open(Action<HistoryStoreOptions>? configure = null);

    /// <summary>The store's own "delete what expired now".</summary>
    protected abstract Task<int> PruneAsync(IHistoryStore store);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static HistoryPoint Point(string metric, int hour, double? value, HistoryScope scope = HistoryScope.District, string id = "haidian",
        HistoryResolution resolution = HistoryResolution.Hour, int count = 1, string? ruleSet = null) =>
        new(scope, id, metric, resolution, Hour.AddHours(hour), value, count, ruleSet);

    protected static HistoryQuery Query(int fromHour, int toHour, HistoryScope scope = HistoryScope.District, string id = "haidian",
        HistoryResolution resolution = HistoryResolution.Hour, params string[] metrics) =>
        new(scope, id, resolution, Hour.AddHours(fromHour), Hour.AddHours(toHour), metrics.Length == 0 ? null : metrics);

    private static HourShare Share(string child, int hour, params (string Metric, double Sum, double Weight)[] totals) =>
        new(HistoryScope.Device, child, "haidian", Hour.AddHours(hour), [.. totals.Select(t => new ShareTotal(t.Metric, t.Sum, t.Weight))]);

    [Fact]
    public async Task Points_survive_reopening_the_store()
    {
        var store = Open();
        await store.WriteAsync([Point("aqi", 0, 80, count: 6, ruleSet: "HJ633-2026"), Point("pm2_5", 0, 50.5)]);

        var reopened = Open();
        var points = await reopened.ReadAsync(Query(0, 1));

        Assert.Equal([Point("aqi", 0, 80, count: 6, ruleSet: "HJ633-2026"), Point("pm2_5", 0, 50.5)], points);
    }

    [Fact]
    public async Task An_invalid_period_is_kept_as_null_never_as_zero()
    {
        var store = Open();
        await store.WriteAsync([Point("pm2_5", 0, null, count: 19, resolution: HistoryResolution.Day)]);

        var point = Assert.Single(await Open().ReadAsync(Query(0, 1, resolution: HistoryResolution.Day)));

        Assert.Null(point.Value);
        Assert.Equal(19, point.Count);
    }

    [Fact]
    public async Task Writing_a_period_again_replaces_it()
    {
        var store = Open();
        await store.WriteAsync([Point("pm2_5", 0, 40, count: 45)]);
        await store.WriteAsync([Point("pm2_5", 0, 42, count: 58)]);

        var point = Assert.Single(await store.ReadAsync(Query(0, 1)));

        Assert.Equal((42.0, 58), (point.Value, point.Count));
    }

    [Fact]
    public async Task The_last_of_a_period_written_twice_in_one_write_wins()
    {
        var store = Open();
        await store.WriteAsync([Point("pm2_5", 0, 40, count: 45, ruleSet: "a"), Point("pm2_5", 0, 42, count: 58)]);

        var point = Assert.Single(await store.ReadAsync(Query(0, 1)));

        Assert.Equal((42.0, 58, (string?)null), (point.Value, point.Count, point.RuleSet));
    }

    [Fact]
    public async Task A_query_takes_its_range_half_open_and_only_its_place_resolution_and_metrics()
    {
        var store = Open();
        await store.WriteAsync(
        [
            .. Enumerable.Range(0, 6).Select(h => Point("pm2_5", h, h)),
            Point("aqi", 2, 70),
            Point("pm2_5", 2, 999, id: "chaoyang"),
            Point("pm2_5", 2, 999, scope: HistoryScope.Device),
            Point("pm2_5", 2, 999, resolution: HistoryResolution.Day),
        ]);

        var points = await store.ReadAsync(Query(1, 4, metrics: "pm2_5"));

        Assert.Equal([1.0, 2, 3], points.Select(p => p.Value!.Value));
        Assert.Equal(2, (await store.ReadAsync(Query(1, 3, metrics: ["pm2_5", "aqi"]))).Count(p => p.Start == Hour.AddHours(2)));
        Assert.Equal(["aqi", "pm2_5", "pm2_5"], (await store.ReadAsync(Query(1, 3))).Select(p => p.Metric));
    }

    [Fact]
    public async Task Concurrent_writers_are_all_committed()
    {
        var store = Open();

        await Task.WhenAll(Enumerable.Range(0, 200).Select(device => Task.Run(async () =>
            await store.WriteAsync([Point("pm2_5", 0, device, HistoryScope.Device, $"gw-{device}"), Point("noise", 0, 50, HistoryScope.Device, $"gw-{device}")]))));

        var reopened = Open();
        foreach (var device in new[] { 0, 99, 199 })
        {
            Assert.Equal(2, (await reopened.ReadAsync(Query(0, 1, HistoryScope.Device, $"gw-{device}"))).Count);
        }
    }

    [Fact]
    public async Task Shares_of_a_parent_add_up_per_hour_and_metric_and_a_share_written_again_replaces_all_of_its_rows()
    {
        var store = Open();
        await store.WriteAsync([], [Share("gw-1", 0, ("pm2_5", 40, 1), ("noise", 1e5, 1)), Share("gw-2", 0, ("pm2_5", 60, 1)), Share("gw-1", 1, ("pm2_5", 10, 1))]);
        await store.WriteAsync([Point("pm2_5", 0, 30, HistoryScope.Device, "gw-1")], [Share("gw-1", 0, ("pm2_5", 30, 1))]);

        var totals = await Open().ReadSharesAsync(HistoryScope.Device, "haidian", Hour, Hour.AddHours(1));

        Assert.Equal([new HourTotal(Hour, "pm2_5", 90, 2, 2)], totals);
        Assert.Single(await store.ReadAsync(Query(0, 1, HistoryScope.Device, "gw-1")));
        Assert.Empty(await store.ReadSharesAsync(HistoryScope.District, "haidian", Hour, Hour.AddHours(2)));
    }

    [Fact]
    public async Task Pruning_keeps_each_scope_and_resolution_for_its_own_retention()
    {
        var store = Open();
        // Ages as of ten days from now; written today, none has expired yet.
        var later = Time.GetUtcNow().AddDays(10);
        HistoryPoint Aged(HistoryScope scope, HistoryResolution resolution, double days) =>
            new(scope, "x", "aqi", resolution, later - TimeSpan.FromDays(days), 1);
        await store.WriteAsync(
        [
            Aged(HistoryScope.Device, HistoryResolution.Hour, 30), Aged(HistoryScope.Device, HistoryResolution.Hour, 32),
            Aged(HistoryScope.District, HistoryResolution.Hour, 399), Aged(HistoryScope.District, HistoryResolution.Hour, 401),
            Aged(HistoryScope.Region, HistoryResolution.Day, 3000), Aged(HistoryScope.Region, HistoryResolution.Day, 3660),
        ]);
        Time.Advance(TimeSpan.FromDays(10));

        Assert.Equal(3, await PruneAsync(store));

        foreach (var (scope, resolution, kept) in new[] { (HistoryScope.Device, HistoryResolution.Hour, 30), (HistoryScope.District, HistoryResolution.Hour, 399), (HistoryScope.Region, HistoryResolution.Day, 3000) })
        {
            var point = Assert.Single(await store.ReadAsync(new HistoryQuery(scope, "x", resolution, later.AddYears(-20), later)));
            Assert.Equal(later - TimeSpan.FromDays(kept), point.Start);
        }
    }

    [Fact]
    public async Task Writes_prune_what_expired_at_most_once_per_interval()
    {
        var store = Open();
        await store.WriteAsync([Point("pm2_5", 0, 10, HistoryScope.Device)]); // an hour old
        Time.Advance(TimeSpan.FromDays(31) - TimeSpan.FromHours(1.5));
        await store.WriteAsync([Point("pm2_5", 0, 10, HistoryScope.Device, id: "other")]); // prunes; the point is 31 d − 30 min old

        Time.Advance(TimeSpan.FromMinutes(45));
        await store.WriteAsync([Point("pm2_5", 0, 10, HistoryScope.Device, id: "other")]);
        Assert.Single(await store.ReadAsync(Query(0, 1, HistoryScope.Device))); // expired, but the interval has not passed

        Time.Advance(TimeSpan.FromMinutes(15));
        await store.WriteAsync([Point("pm2_5", 0, 10, HistoryScope.Device, id: "other")]);
        Assert.Empty(await store.ReadAsync(Query(0, 1, HistoryScope.Device)));
    }

    [Fact]
    public async Task A_non_finite_value_is_refused_and_nothing_of_that_write_is_stored()
    {
        var store = Open();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await store.WriteAsync([Point("pm2_5", 0, 10), Point("pm2_5", 1, double.NaN)]));

        Assert.Contains("non-finite", error.Message);
        Assert.Empty(await store.ReadAsync(Query(0, 2)));
    }

    [Theory]
    [InlineData(6, 400)]
    [InlineData(31, 365)]
    public void Retention_below_what_the_cockpit_shows_is_refused(int deviceHourlyDays, int regionHourlyDays)
    {
        var error = Assert.Throws<ArgumentException>(() => Open(o =>
        {
            o.DeviceHourlyRetention = TimeSpan.FromDays(deviceHourlyDays);
            o.RegionHourlyRetention = TimeSpan.FromDays(regionHourlyDays);
        }));

        Assert.Contains("Retention", error.Message);
    }
}
