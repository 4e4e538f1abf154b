using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Regions;
using CityBrain.Storage.History;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Bulletins.Tests;

/// <summary>A small province in a real SQLite history store: prov → city-a (d1 zone 1, d2 zone 2), city-b (d3 zone 3),
/// with helpers that write known hourly and daily points.</summary>
public sealed class TestHistory
{
    public const string Zone = "Asia/Shanghai";

    public static RegionTree Tree { get; } = new(
        Place("prov", "Test Province", "测试省", "province", null,
            Place("city-a", "City A", "甲市", "city", null, Place("d1", "District One", "一区", "district", "1"), Place("d2", "District Two", "二区", "district", "2")),
            Place("city-b", "City B", "乙市", "city", null, Place("d3", "District Three", "三区", "district", "3"))),
        Zone);

    public LocalCalendar Calendar { get; } = LocalCalendar.ForZone(Zone);

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.Zero));

    public IHistoryStore Store { get; }

    public TestHistory()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-bulletins-").FullName, "history.db");
        Store = new SqliteHistoryStore(Options.Create(new HistoryStoreOptions { DatabasePath = path }), Time, NullLogger<SqliteHistoryStore>.Instance);
    }

    public static HistoryScope ScopeOf(string id) => Tree.IsLeaf(id) ? HistoryScope.District : HistoryScope.Region;

    public Task DailyAsync(string id, string metric, DateOnly day, double? value, string? ruleSet = null) =>
        Store.WriteAsync([new HistoryPoint(ScopeOf(id), id, metric, HistoryResolution.Day, Calendar.StartOf(day), value, 20, ruleSet)]).AsTask();

    /// <summary>Hour <paramref name="hour"/> (0–23, local start) of <paramref name="day"/>.</summary>
    public Task HourlyAsync(string id, string metric, DateOnly day, int hour, double? value, int count = 1) =>
        Store.WriteAsync([new HistoryPoint(ScopeOf(id), id, metric, HistoryResolution.Hour, Calendar.StartOf(day).AddHours(hour), value, count)]).AsTask();

    public async Task HoursAsync(string id, string metric, DateOnly day, IEnumerable<int> hours, double value, int count = 1)
    {
        foreach (var hour in hours) await HourlyAsync(id, metric, day, hour, value, count);
    }

    private static RegionNode Place(string id, string name, string nameZh, string level, string? zone, params RegionNode[] children) =>
        new(id, name, nameZh, level, null, zone, [0, 0], children);
}
