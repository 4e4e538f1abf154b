using CityBrain.Indicators.Alerts;
using CityBrain.Regions;
using CityBrain.Storage.Cases;
using CityBrain.Supervision.Cases;
using CityBrain.Supervision.Desk;
using CityBrain.Supervision.Options;
using CityBrain.Supervision.Store;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.Supervision.Tests;

/// <summary>A desk over a real SQLite case store in a folder of its own, on a province of two cities (city-a: d1, d2;
/// city-b: d3) with a fake clock, recording every step it tells its observers.</summary>
public sealed class DeskFixture
{
    public static readonly DateTimeOffset Start = new(2026, 12, 3, 1, 0, 0, TimeSpan.Zero);

    private readonly string _path = Path.Combine(System.IO.Directory.CreateTempSubdirectory("citybrain-desk-").FullName, "cases.db");

    public DeskFixture(Action<SupervisionOptions>? configure = null)
    {
        Options = new SupervisionOptions
        {
            Departments =
            [
                new() { Id = "ecology", Name = "Ecology Bureau", NameZh = "生态环境局", Recipients = ["ecology-duty"] },
                new() { Id = "urban", Name = "Urban Management", NameZh = "城管局" },
                new() { Id = "station", Name = "Monitoring Station", NameZh = "监测站" },
            ],
            Assignments =
            [
                new() { Kind = "air", Department = "ecology" },
                new() { Kind = "noise", Department = "urban" },
                new() { Kind = "device", Department = "station" },
            ],
        };
        configure?.Invoke(Options);
        Directory = new SupervisionDirectory(Microsoft.Extensions.Options.Options.Create(Options), Tree);
        Desk = NewDesk();
    }

    public static RegionTree Tree { get; } = new(
        Place("province", "region",
            Place("city-a", "city", Place("d1", "district"), Place("d2", "district")),
            Place("city-b", "city", Place("d3", "district"))),
        "Asia/Shanghai");

    public FakeTimeProvider Clock { get; } = new(Start);

    public SupervisionOptions Options { get; }

    public SupervisionDirectory Directory { get; }

    public List<CaseEvent> Told { get; } = [];

    public CaseDesk Desk { get; private set; }

    public ICaseStore Store => new SqliteCaseStore(_path);

    /// <summary>A new desk on the same store, as after a restart or on another silo; <paramref name="extra"/> observers are
    /// told before the recorder.</summary>
    public CaseDesk NewDesk(params ICaseObserver[] extra) =>
        Desk = new CaseDesk(Store, [.. extra, new Recorder(Told)], Directory, Clock, NullLogger<CaseDesk>.Instance);

    public static Alert Air(string district, double aqi, DateTimeOffset start, DateTimeOffset? end = null) =>
        new(new AlertKey(AlertKind.AirPolluted, district), start, end, aqi, aqi, 100);

    public static Alert Noise(string district, double level, DateTimeOffset start, DateTimeOffset? end = null) =>
        new(new AlertKey(AlertKind.NoiseOverLimit, district, Subject: "noise"), start, end, level, level, 55);

    public static Alert Offline(string district, string device, DateTimeOffset start, DateTimeOffset? end = null) =>
        new(new AlertKey(AlertKind.DeviceOffline, district, device), start, end, 30, 30, 5);

    public async Task<SupervisionCase> SingleOpenAsync() => Assert.Single(await Store.ActiveSinceAsync(Clock.GetUtcNow(), 100), c => c.IsOpen);

    public async Task<SupervisionCase> ActAsync(long id, CaseAction action, string? note = null, string? department = null, IReadOnlyList<string>? links = null)
    {
        var outcome = await Desk.ActAsync(id, new CaseCommand(action, "张三", note, department, links));
        Assert.Null(outcome.Refusal);
        return outcome.Case!;
    }

    private static RegionNode Place(string id, string level, params RegionNode[] children) => new(id, id, id + "区", level, null, "2", [], children);

    private sealed class Recorder(List<CaseEvent> told) : ICaseObserver
    {
        public Task OnStepAsync(SupervisionCase supervisionCase, CaseEvent step, CancellationToken cancellationToken)
        {
            told.Add(step);
            return Task.CompletedTask;
        }
    }
}
