using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Testing;

namespace CityBrain.OpenData.Tests;

/// <summary>Exports read back with CsvHelper and Parquet.Net hold exactly the numbers the history API answers for the
/// same place, metric and range: every period, valid or not, with the same value and count.</summary>
[Collection(OpenDataHostCollection.Name)]
public sealed class ExportRoundTripTests(OpenDataHostFixture fixture)
{
    private static readonly LocalCalendar Beijing = LocalCalendar.ForZone("Asia/Shanghai");

    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task An_hour_reported_over_MQTT_exports_as_the_device_and_district_history_answer_it()
    {
        var hour = Beijing.HourOf((await HourBoundary.ClearOfTheTurnAsync(TimeSpan.FromMinutes(2))).AddHours(-1));
        await using (var reporter = await Host.ConnectDeviceAsync("fengtai", "export-mqtt-1"))
        {
            for (var minute = 0; minute < 60; minute++)
            {
                var ack = await reporter.PublishAsync(minute + 1, hour.Start.AddMinutes(minute),
                    TestDevice.Value(Quantity.Pm2_5, 150 + minute % 3), TestDevice.Value(Quantity.Co, 0.8));
                Assert.True(ack.IsSuccess, ack.ReasonString);
            }
        }
        // Two hours before it have nothing: they must come out as missing, not as zero.
        var range = $"from={Uri.EscapeDataString(hour.Start.AddHours(-2).ToString("O"))}&to={Uri.EscapeDataString(hour.End.ToString("O"))}";
        await RunningHost.EventuallyAsync(() => Host.GetAsync<HistoryResponse>($"/api/devices/export-mqtt-1/history?metric=pm2_5&{range}"),
            h => h!.Points[^1].Count == 60, "the device's whole hour");
        await RunningHost.EventuallyAsync(() => Host.GetAsync<HistoryResponse>($"/api/regions/fengtai/history?metric=aqi&{range}"),
            h => h!.Points[^1].Value is not null, "fengtai's AQI of the hour");

        var device = await AssertRoundTripsAsync("scope=device&id=export-mqtt-1", "/api/devices/export-mqtt-1/history", range, "hour", ["pm2_5", "co"]);
        Assert.Equal([("missing", (double?)null), ("missing", null), ("valid", 151)],
            device.Where(r => r.Metric == "pm2_5").Select(r => (r.Flag, r.Value)));
        Assert.All(device, r => Assert.Equal(("device", "export-mqtt-1", "fengtai"), (r.Scope, r.Id, r.District)));
        Assert.Equal(Beijing.HourOf(hour.Start).Label, device[^1].LocalLabel);

        var district = await AssertRoundTripsAsync("scope=district&id=fengtai", "/api/regions/fengtai/history", range, "hour", ["aqi", "pm2_5", "co"]);
        var aqi = district.Single(r => r.Metric == "aqi" && r.Start == hour.Start);
        Assert.Equal(("valid", "HJ633-2026", (string?)null), (aqi.Flag, aqi.RuleSet, aqi.Unit));
        Assert.Equal("ug/m3", district.First(r => r.Metric == "pm2_5").Unit);
    }

    [Fact]
    public async Task Months_of_stored_hours_and_days_export_in_chunks_with_invalid_periods_empty()
    {
        // Closed hours and days as the grains would have written them: some valid, some computed without enough valid
        // data (no value, a count below the minimum), some never written.
        // Four months back: inside the store's retention of region hours, clear of the hours the other tests feed.
        var first = Beijing.DayOf(DateTimeOffset.UtcNow).AddDays(-120);
        var from = Beijing.StartOf(first);
        var points = new List<HistoryPoint>();
        foreach (var (scope, id) in new[] { (HistoryScope.Region, "demo-city"), (HistoryScope.District, "mentougou") })
        {
            for (var i = 0; i < 40 * 24; i++)
            {
                if (i % 13 == 5) continue;
                var insufficient = i % 10 == 3;
                var start = from.AddHours(i);
                points.Add(new HistoryPoint(scope, id, "pm2_5", HistoryResolution.Hour, start, insufficient ? null : 20 + i % 97 + 0.1, insufficient ? 30 : 60));
                points.Add(new HistoryPoint(scope, id, "aqi", HistoryResolution.Hour, start, insufficient ? null : 30 + i % 50, insufficient ? 0 : 1, "HJ633-2012"));
            }
            for (var d = 0; d < 40; d++)
            {
                if (d % 9 == 4) continue;
                points.Add(new HistoryPoint(scope, id, "pm2_5", HistoryResolution.Day, Beijing.StartOf(first.AddDays(d)), d % 7 == 2 ? null : 35.25 + d, d % 7 == 2 ? 12 : 24));
            }
        }
        await Host.Service<IHistoryStore>().WriteAsync(points);
        var range = $"from={Uri.EscapeDataString(from.ToString("O"))}&to={Uri.EscapeDataString(Beijing.StartOf(first.AddDays(40)).ToString("O"))}";

        var city = await AssertRoundTripsAsync("scope=city", "/api/regions/demo-city/history", range, "hour", ["pm2_5", "aqi"]);
        Assert.Equal(40 * 24 * 2, city.Count);
        Assert.Contains(city, r => r is { Flag: "insufficient", Value: null, Count: 30 });
        Assert.Contains(city, r => r is { Flag: "missing", Value: null, Count: 0 });
        Assert.All(city.Where(r => r.Metric == "aqi" && r.Flag != "missing"), r => Assert.Equal("HJ633-2012", r.RuleSet));

        var days = await AssertRoundTripsAsync("scope=district&id=mentougou", "/api/regions/mentougou/history", range, "day", ["pm2_5"]);
        Assert.Equal(40, days.Count);
        Assert.Equal(first.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), days[0].LocalLabel);
        Assert.Contains(days, r => r is { Flag: "insufficient", Value: null, Count: 12 });

        // 960 hours are more than one chunk: the Parquet file has a row group per chunk, written as it was read.
        var parquet = await ExportedRows.ReadParquetAsync(await Buffer(await Host.Http.GetStreamAsync($"/api/export?scope=city&metrics=pm2_5&{range}&format=parquet")));
        Assert.Equal(2, parquet.RowGroups);

        // In the CSV an invalid period is an empty field, never a zero.
        var text = await Host.Http.GetStringAsync($"/api/export?scope=district&id=mentougou&step=day&metrics=pm2_5&{range}");
        Assert.StartsWith("scope,id,name,name_zh,district,metric,unit,step,period_start,local_label,value,count,flag,rule_set\r\n", text);
        var third = Beijing.StartOf(first.AddDays(2));
        Assert.Contains($",ug/m3,day,{third.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ},{first.AddDays(2):yyyy-MM-dd},,12,insufficient,\r\n", text);
    }

    /// <summary>Exports <paramref name="metrics"/> of one place as CSV and as Parquet and checks that each metric's rows
    /// are the history API's points one for one; answers the CSV rows.</summary>
    private async Task<IReadOnlyList<ExportedRow>> AssertRoundTripsAsync(string place, string historyPath, string range, string step, string[] metrics)
    {
        var query = $"/api/export?{place}&step={step}&metrics={string.Join(",", metrics)}&{range}";
        var csvResponse = await Host.Http.GetAsync(query + "&format=csv");
        Assert.True(csvResponse.IsSuccessStatusCode, await csvResponse.Content.ReadAsStringAsync());
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType!.MediaType);
        Assert.EndsWith(".csv", csvResponse.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
        var csv = await ExportedRows.ReadCsvAsync(await csvResponse.Content.ReadAsStreamAsync());

        var parquetResponse = await Host.Http.GetAsync(query + "&format=parquet");
        Assert.True(parquetResponse.IsSuccessStatusCode, await parquetResponse.Content.ReadAsStringAsync());
        Assert.Equal("application/vnd.apache.parquet", parquetResponse.Content.Headers.ContentType!.MediaType);
        var (parquet, _) = await ExportedRows.ReadParquetAsync(await Buffer(await parquetResponse.Content.ReadAsStreamAsync()));
        Assert.Equal(csv, parquet);

        foreach (var metric in metrics)
        {
            var history = await Host.GetAsync<HistoryResponse>($"{historyPath}?metric={metric}&step={step}&{range}");
            Assert.Equal(history!.Points.Select(p => (p.Time, p.Value, p.Count)), csv.Where(r => r.Metric == metric).Select(r => (r.Start, r.Value, r.Count)));
            Assert.All(csv.Where(r => r.Metric == metric), r => Assert.Equal(r.Value is null, r.Flag != "valid"));
        }
        return csv;
    }

    /// <summary>Parquet is read from its footer back, so the download is held in memory first.</summary>
    private static async Task<Stream> Buffer(Stream stream)
    {
        var memory = new MemoryStream();
        await stream.CopyToAsync(memory);
        memory.Position = 0;
        return memory;
    }
}
