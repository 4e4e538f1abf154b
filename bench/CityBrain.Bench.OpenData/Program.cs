using System.Diagnostics;
using System.Globalization;
using CityBrain.Bench.Reporting;
using CityBrain.Indicators.History;
using CityBrain.OpenData.Export;
using CityBrain.Testing;

// dotnet run -c Release --project bench/CityBrain.Bench.OpenData [-- --days 366 --runs 5]
// Bulk exports: a district's hourly history of the AQI and six pollutants over a long range, written straight into the
// real host's SQLite history store, then exported as CSV and as Parquet: by the export path alone (chunked read and
// formatting into a local file) and through GET /api/export over loopback HTTP, as an analyst downloads it.
var days = Option("--days", 366);
var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
var runs = Option("--runs", 5);

await using var host = await RunningHost.StartAsync(null, "--OpenData:Daily:Enabled=false");
var calendar = host.Service<CityBrain.Grains.Regions.RegionCatalog>().Calendar;
var today = calendar.DayOf(DateTimeOffset.UtcNow);
// Within the store's retention of region hours (400 days), so its pruning keeps them.
var (from, to) = (calendar.StartOf(today.AddDays(-days)), calendar.StartOf(today));
var metrics = ExportRequest.AirMetrics;
var random = new Random(7);
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
var store = host.Service<IHistoryStore>();
foreach (var batch in points.Chunk(10_000)) await store.WriteAsync(batch);

var place = new ExportPlace(HistoryScope.District, "haidian", "Haidian", "海淀区", "haidian");
var rows = new HistoryRows(store);
var folder = Directory.CreateTempSubdirectory("citybrain-export-bench-").FullName;
var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(to.ToString("O"))}";
var figures = new List<(string Name, string Value)>();
foreach (var format in Enum.GetValues<ExportFormat>())
{
    var (count, bytes, local) = await BestAsync(async () =>
    {
        var path = Path.Combine(folder, $"export{format.Extension()}");
        long written = 0;
        await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
        {
            await using var writer = await RowWriters.OpenAsync(format, file, CancellationToken.None);
            await foreach (var chunk in rows.ReadAsync(place, HistoryResolution.Hour, from, to, metrics, calendar))
            {
                await writer.WriteAsync(chunk, CancellationToken.None);
                written += chunk.Count;
            }
        }
        return (written, new FileInfo(path).Length);
    });
    var (_, httpBytes, http) = await BestAsync(async () =>
    {
        await using var body = await host.Http.GetStreamAsync($"/api/export?scope=district&id=haidian&step=hour&{range}&format={format.Name()}");
        var received = 0L;
        var buffer = new byte[1 << 16];
        for (int n; (n = await body.ReadAsync(buffer)) > 0;) received += n;
        return (count, received);
    });
    if (httpBytes != bytes) throw new InvalidOperationException($"{format.Name()} over HTTP was {httpBytes} bytes, {bytes} written locally");
    figures.Add(($"{format.Name()}, {days} days of hours × {metrics.Count} metrics ({count:N0} rows, {bytes / 1_048_576.0:N1} MB), export path into a file, best of {runs}",
        $"{count / local.TotalSeconds:N0} rows/s"));
    figures.Add(($"{format.Name()}, the same through GET /api/export over loopback HTTP, best of {runs}", $"{count / http.TotalSeconds:N0} rows/s"));
}
Directory.Delete(folder, recursive: true);

BenchReport.Write("Open-data export", figures,
    "The embedded host in-process (SQLite history), one export at a time, each figure the best of its runs after one untimed warm-up; " +
    $"the HTTP client shares the machine's cores with the host. Load average (1/5/15 min) before: {loadBefore}; after: {File.ReadAllText("/proc/loadavg").Trim()}.");

async Task<(long Rows, long Bytes, TimeSpan Time)> BestAsync(Func<Task<(long Rows, long Bytes)>> run)
{
    // One run untimed: the first pays for compiling the path and for the store's pages coming into memory.
    var result = await run();
    var best = TimeSpan.MaxValue;
    for (var i = 0; i < runs; i++)
    {
        var clock = Stopwatch.StartNew();
        result = await run();
        best = clock.Elapsed < best ? clock.Elapsed : best;
    }
    return (result.Rows, result.Bytes, best);
}

int Option(string name, int fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
}
