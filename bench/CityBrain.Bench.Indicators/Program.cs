using System.Diagnostics;
using System.Globalization;
using CityBrain.Bench.Reporting;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Indicators.Air;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Indicators.Validity;
using CityBrain.Storage.History;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project bench/CityBrain.Bench.Indicators [-- --devices 5000 --writers 64]
// What closing an hour costs: hourly means from minute windows, real-time and daily AQI from hourly series, and
// writing the hour's history points of a city's devices through the group-committing SQLite store.
var devices = Option("--devices", 5_000);
var writers = Option("--writers", 64);
var calendar = LocalCalendar.China;
var day = new DateOnly(2026, 3, 2);
var random = new Random(7);

// Hourly means: 60 one-minute windows per hour.
var hourStart = calendar.StartOf(day);
var minutes = Enumerable.Range(0, 60).Select(m => new WindowReading(hourStart.AddMinutes(m), 60, 20 + random.NextDouble() * 40, Quality.Ok)).ToArray();
var hour = calendar.HourOf(hourStart);
var means = Measure(20_000, () => HourlyMeans.Compute(hour, minutes, MeanKind.Arithmetic));

// AQI: six pollutants with two days of hourly means.
var hourly = Pollutants.All.ToDictionary(p => p, _ => new HourlySeries(
    calendar.HoursOf(day.AddDays(-1)).Concat(calendar.HoursOf(day)).Select(h => KeyValuePair.Create(h.Start, 10 + random.NextDouble() * 150))));
var lastHour = calendar.HoursOf(day)[^1];
var standard = AqiStandards.For(AqiSelection.ChinaByDate, lastHour.Start);
var realTime = Measure(20_000, () => standard.Evaluate(AqiPeriod.Hour, AirInputs.ForHour(calendar, lastHour, hourly).Concentrations));
var daily = Measure(5_000, () => standard.Evaluate(AqiPeriod.Day, AirInputs.ForDay(calendar, day, hourly).Concentrations));

// History: one hour of 8 metrics for every device, written by concurrent callers (grains closing the same hour).
var path = Path.Combine(Directory.CreateTempSubdirectory("citybrain-history-bench-").FullName, "history.db");
var store = new SqliteHistoryStore(Options.Create(new HistoryStoreOptions { DatabasePath = path }), TimeProvider.System, NullLogger<SqliteHistoryStore>.Instance);
string[] metrics = ["pm2_5", "pm10", "no2", "so2", "o3", "co", "noise", "aqi"];
var batches = Enumerable.Range(0, devices).Select(d => (IReadOnlyCollection<HistoryPoint>)[.. metrics.Select(m =>
    new HistoryPoint(HistoryScope.Device, $"gw-{d}", m, HistoryResolution.Hour, hour.Start, random.NextDouble() * 100, 60))]).ToList();
var clock = Stopwatch.StartNew();
using (var gate = new SemaphoreSlim(writers))
{
    await Task.WhenAll(batches.Select(async batch =>
    {
        await gate.WaitAsync();
        try { await store.WriteAsync(batch); }
        finally { gate.Release(); }
    }));
}
var written = devices * metrics.Length / clock.Elapsed.TotalSeconds;

// A year of one district's hourly AQI, read back for the trend chart.
var yearStart = calendar.StartOf(day.AddDays(-365));
await store.WriteAsync([.. Enumerable.Range(0, 365 * 24).Select(h =>
    new HistoryPoint(HistoryScope.District, "haidian", HistoryMetrics.Aqi, HistoryResolution.Hour, yearStart.AddHours(h), random.Next(20, 300), 6, "HJ633-2026"))]);
clock.Restart();
var year = await store.ReadAsync(new HistoryQuery(HistoryScope.District, "haidian", HistoryResolution.Hour, yearStart, hourStart, [HistoryMetrics.Aqi]));
var readMs = clock.Elapsed.TotalMilliseconds;

BenchReport.Write("Indicators and history", [
    ("hourly mean of 60 one-minute windows", $"{means:N0} hours/s"),
    ("real-time AQI (inputs from 48 h of 6 pollutants + evaluate)", $"{realTime:N0} evaluations/s"),
    ("daily AQI (24h means, O3 daily max 8h, evaluate)", $"{daily:N0} evaluations/s"),
    ($"history write, {devices:N0} devices × {metrics.Length} metrics, {writers} concurrent writers, full sync", $"{written:N0} points/s"),
    ($"history read, one district's hourly AQI for a year ({year.Count:N0} points)", $"{readMs:N0} ms"),
], "Single process; the AQI figures are one thread.");

static double Measure(int iterations, Action action)
{
    for (var i = 0; i < iterations / 10; i++) action();
    var clock = Stopwatch.StartNew();
    for (var i = 0; i < iterations; i++) action();
    return iterations / clock.Elapsed.TotalSeconds;
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
