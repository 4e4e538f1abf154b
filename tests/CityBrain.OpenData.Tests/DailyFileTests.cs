using System.Net.Http.Json;
using CityBrain.Host.Api;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.OpenData.Daily;
using CityBrain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CityBrain.OpenData.Tests;

/// <summary>The host's daily-file service, built from the running host's own parts (store, folder, writer) but on a
/// fake clock, so the schedule can be moved past its time of day at will.</summary>
[Collection(OpenDataHostCollection.Name)]
public sealed class DailyFileTests(OpenDataHostFixture fixture)
{
    private static readonly LocalCalendar Beijing = LocalCalendar.ForZone("Asia/Shanghai");

    private RunningHost Host => fixture.Host;

    private DailyFileFolder Folder => Host.Service<DailyFileFolder>();

    [Fact]
    public async Task A_start_catches_up_on_missed_days_then_the_day_before_is_written_at_the_configured_time_and_listed()
    {
        var day = Beijing.DayOf(DateTimeOffset.UtcNow).AddDays(-60);
        var hours = Beijing.HoursOf(day);
        await Host.Service<IHistoryStore>().WriteAsync([
            .. hours.Select((h, i) => new HistoryPoint(HistoryScope.District, "haidian", "pm2_5", HistoryResolution.Hour, h.Start, i == 5 ? null : 40 + i, i == 5 ? 20 : 60)),
            .. hours.Select((h, i) => new HistoryPoint(HistoryScope.Region, "demo-city", "aqi", HistoryResolution.Hour, h.Start, 50 + i, 1, "HJ633-2026")),
            new HistoryPoint(HistoryScope.District, "haidian", "pm2_5", HistoryResolution.Day, Beijing.StartOf(day), 51.5, 23)]);
        // 01:00 on the day after: the day before it is due at 02:00, the two before that are overdue.
        var clock = new FakeTimeProvider(Beijing.StartOf(day.AddDays(1)).AddHours(1));
        var service = Service(clock, new DailyFileOptions { CatchUpDays = 2, LocalTime = TimeSpan.FromHours(2) });
        await service.StartAsync(CancellationToken.None);
        try
        {
            await RunningHost.EventuallyAsync(() => Task.FromResult(File.Exists(Folder.PathOf(day.AddDays(-1), Export.ExportFormat.Parquet))
                && File.Exists(Folder.PathOf(day.AddDays(-2), Export.ExportFormat.Parquet))), written => written, "the two overdue days");
            Assert.False(File.Exists(Folder.PathOf(day, Export.ExportFormat.Csv)));

            clock.Advance(TimeSpan.FromHours(1));
            await RunningHost.EventuallyAsync(() => Task.FromResult(File.Exists(Folder.PathOf(day, Export.ExportFormat.Parquet))), written => written,
                "the day's files at 02:00");
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }

        var files = await Host.Anonymous.GetFromJsonAsync<List<DailyFileResponse>>("/api/open-data/files");
        var csvName = Folder.NameOf(day, Export.ExportFormat.Csv);
        Assert.Contains(files!, f => f.Name == csvName && f.Day == day && f.Format == "csv" && f.Bytes > 0);
        Assert.Contains(files!, f => f.Name == Folder.NameOf(day, Export.ExportFormat.Parquet) && f.Format == "parquet");

        var csv = await ExportedRows.ReadCsvAsync(await Host.Anonymous.GetStreamAsync(files!.Single(f => f.Name == csvName).Href));
        // The city and its 12 districts, 7 metrics each, 24 hours and the day.
        Assert.Equal(13 * 7 * 25, csv.Count);
        var haidian = csv.Where(r => r is { Id: "haidian", Metric: "pm2_5", Step: "hour" }).ToList();
        var history = await Host.GetAsync<HistoryResponse>($"/api/regions/haidian/history?metric=pm2_5&from={Uri.EscapeDataString(Beijing.StartOf(day).ToString("O"))}" +
            $"&to={Uri.EscapeDataString(Beijing.StartOf(day.AddDays(1)).ToString("O"))}");
        Assert.Equal(history!.Points.Select(p => (p.Time, p.Value, p.Count)), haidian.Select(r => (r.Start, r.Value, r.Count)));
        Assert.Equal(("insufficient", (double?)null), (haidian[5].Flag, haidian[5].Value));
        Assert.Equal((51.5, 23, "valid"), csv.Where(r => r is { Id: "haidian", Metric: "pm2_5", Step: "day" }).Select(r => (r.Value!.Value, r.Count, r.Flag)).Single());

        var parquetDownload = new MemoryStream(await Host.Anonymous.GetByteArrayAsync($"/api/open-data/files/{Folder.NameOf(day, Export.ExportFormat.Parquet)}"));
        Assert.Equal(csv, (await ExportedRows.ReadParquetAsync(parquetDownload)).Rows);
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_is_logged_and_written_on_a_later_attempt()
    {
        var day = Beijing.DayOf(DateTimeOffset.UtcNow).AddDays(-50);
        // A folder where the file's temporary copy goes: opening it as a file fails, as a full or read-only disk would.
        var blocker = Directory.CreateDirectory(Folder.PathOf(day, Export.ExportFormat.Csv) + ".partial");
        var logs = LogCapture.Attach(Host);
        // Just after the day fell due, with the day to catch up on: the first attempt comes at once.
        var clock = new FakeTimeProvider(Beijing.StartOf(day.AddDays(1)).AddHours(2).AddMinutes(1));
        var service = Service(clock, new DailyFileOptions { CatchUpDays = 1, RetryDelay = TimeSpan.FromMinutes(10), Attempts = 3 });
        await service.StartAsync(CancellationToken.None);
        try
        {
            await RunningHost.EventuallyAsync(() => Task.FromResult(logs.Entries.ToList()),
                entries => entries.Any(e => e.Message.Contains("could not be written (attempt 1 of 3); trying again in 00:10:00")), "the failure logged");
            Assert.False(File.Exists(Folder.PathOf(day, Export.ExportFormat.Csv)));

            blocker.Delete();
            // Moving the clock on until the retry has run: the service may not yet be waiting when the clock first moves.
            await RunningHost.EventuallyAsync(() =>
            {
                clock.Advance(TimeSpan.FromMinutes(10));
                return Task.FromResult(File.Exists(Folder.PathOf(day, Export.ExportFormat.Parquet)));
            }, written => written, "the files on a later attempt");
            Assert.True(File.Exists(Folder.PathOf(day, Export.ExportFormat.Csv)));
        }
        finally
        {
            await service.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The service as the host registers it, on <paramref name="clock"/> and with <paramref name="options"/>.</summary>
    private DailyFileService Service(FakeTimeProvider clock, DailyFileOptions options) =>
        ActivatorUtilities.CreateInstance<DailyFileService>(Host.App.Services, clock, Options.Create(options));
}
