using System.Diagnostics;
using System.Globalization;
using CityBrain.Bench.Reporting;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.OpenData.Export;
using CityBrain.Storage.History;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

// dotnet run -c Release --project bench/CityBrain.Bench.OpenData [-- --days 366 --runs 3]
// The export path alone: a district's hourly history of the AQI and six pollutants over a long range, read from a real
// SQLite history store a chunk at a time and written as CSV and as Parquet to a file, as GET /api/export does.
var days = Option("--days", 366);
var runs = Option("--runs", 3);
var calendar = LocalCalendar.China;
var today = calendar.DayOf(DateTimeOffset.UtcNow);
var from = calendar.StartOf(today.AddDays(-days));
var to = calendar.StartOf(today);
var metrics = ExportRequest.AirMetrics;
var random = new Random(7);

var folder = Directory.CreateTempSubdirectory("citybrain-export-bench-").FullName;
// Within the store's retention of region hours (400 days), so its pruning keeps them.
var store = new SqliteHistoryStore(Options.Create(new HistoryStoreOptions { DatabasePath = Path.Combine(folder, "history.db") }),
    TimeProvider.System, NullLogger<SqliteHistoryStore>.Instance);
var points = new List<HistoryPoint>();
for (var hour = from; hour < to; hour = hour.AddHours(1))
{
    foreach (var metric in metrics)
    {
        // One hour in twenty without enough valid data, as a network with gaps has.
        var value = random.Next(20) == 0 ? (double?)null : Math.Round(5 + random.NextDouble() * 150, 1);
        points.Add(new HistoryPoint(HistoryScope.District, "haidian", metric, HistoryResolution.Hour, hour, value, value is null ? 20 : 60,
            metric == HistoryMetrics.Aqi ? "HJ633-2026" : null));
    }
}
foreach (var batch in points.Chunk(10_000)) await store.WriteAsync(batch);

var place = new ExportPlace(HistoryScope.District, "haidian", "Haidian", "海淀区", "haidian");
var rows = new HistoryRows(store);
var figures = new List<(string Name, string Value)>();
foreach (var format in Enum.GetValues<ExportFormat>())
{
    var best = 0.0;
    long count = 0, bytes = 0;
    for (var run = 0; run < runs; run++)
    {
        var path = Path.Combine(folder, $"export{format.Extension()}");
        var clock = Stopwatch.StartNew();
        count = 0;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var writer = await RowWriters.OpenAsync(format, file, CancellationToken.None);
            await foreach (var chunk in rows.ReadAsync(place, HistoryResolution.Hour, from, to, metrics, calendar))
            {
                await writer.WriteAsync(chunk, CancellationToken.None);
                count += chunk.Count;
            }
        }
        best = Math.Max(best, count / clock.Elapsed.TotalSeconds);
        bytes = new FileInfo(path).Length;
    }
    figures.Add(($"{format.Name()} export, {days} days of hours × {metrics.Count} metrics ({count:N0} rows, {bytes / 1_048_576.0:N1} MB), best of {runs}",
        $"{best:N0} rows/s"));
}
Directory.Delete(folder, recursive: true);

BenchReport.Write("Open-data export", figures,
    "Single process, one export at a time: SQLite read a month at a time, formatted, written to a local file (not over HTTP).");

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
