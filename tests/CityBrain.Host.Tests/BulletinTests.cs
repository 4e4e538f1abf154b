using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityBrain.Indicators.History;
using CityBrain.Indicators.Time;
using CityBrain.Storage.History;
using CityBrain.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using static CityBrain.Testing.RegionJson;

namespace CityBrain.Host.Tests;

/// <summary>The morning bulletins of the real host: a history with known days is in its data directory before it
/// starts, and with <c>Bulletins:GenerateAt=00:00</c> yesterday's bulletins are due at once, as for a host that was
/// down in the morning. The archived bulletin's numbers must be the history API's for the same day.</summary>
public sealed class BulletinTests
{
    private const string Root = "demo-city";
    private static readonly LocalCalendar Calendar = LocalCalendar.ForZone("Asia/Shanghai");

    [Fact]
    public async Task The_generator_archives_yesterdays_bulletin_whose_numbers_match_the_history_api()
    {
        var data = Directory.CreateTempSubdirectory("citybrain-host-bulletins-").FullName;
        // Both the day before and yesterday, so a test that starts just before local midnight still finds its day.
        var today = Calendar.DayOf(DateTimeOffset.UtcNow);
        foreach (var filled in new[] { today.AddDays(-2), today.AddDays(-1) }) await FillAsync(data, filled);

        await using var host = await RunningHost.StartAsync(data, "--Bulletins:Enabled=true", "--Bulletins:GenerateAt=00:00", "--Bulletins:StartDelay=00:00:00", "--Bulletins:Languages=zh,en");

        var list = await RunningHost.EventuallyAsync(() => host.GetAsync<JsonElement>($"/api/bulletins?region={Root}&kind=day"),
            l => l.GetProperty("total").GetInt32() >= 2, "yesterday's zh and en bulletins of the city", TimeSpan.FromMinutes(3));
        var items = list.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["en", "zh"], items.Select(i => i.GetProperty("language").GetString()));
        var period = DateOnly.Parse(items[0].GetProperty("period").GetString()!);
        var en = items.Single(i => i.GetProperty("language").GetString() == "en");

        var bulletin = await host.GetAsync<JsonElement>(en.GetProperty("json").GetString()!);
        var range = $"from={At(Calendar.StartOf(period))}&to={At(Calendar.StartOf(period.AddDays(1)))}";
        var dailyAqi = await host.GetAsync<JsonElement>($"/api/regions/{Root}/history?metric=aqi&step=day&{range}");
        var hourlyAqi = await host.GetAsync<JsonElement>($"/api/regions/{Root}/history?metric=aqi&step=hour&{range}");
        var haidian = await host.GetAsync<JsonElement>($"/api/regions/haidian/history?metric=aqi&step=day&{range}");

        var day = Assert.Single(bulletin.GetProperty("air").GetProperty("days").EnumerateArray());
        Assert.Equal(Number(Assert.Single(dailyAqi.GetProperty("points").EnumerateArray())), day.GetProperty("aqi").GetDouble());
        Assert.Equal("Lightly polluted", day.GetProperty("categoryEn").GetString());
        var hours = hourlyAqi.GetProperty("points").EnumerateArray().Where(p => p.GetProperty("value").ValueKind == JsonValueKind.Number).Select(Number).ToList();
        Assert.Equal(hours.Count, bulletin.GetProperty("exceedance").GetProperty("hoursWithAqi").GetInt32());
        Assert.Equal(hours.Count(h => h > 100), bulletin.GetProperty("exceedance").GetProperty("hoursOver100").GetInt32());
        var ranked = bulletin.GetProperty("ranking").GetProperty("places").EnumerateArray().Single(p => p.GetProperty("id").GetString() == "haidian");
        Assert.Equal(Number(Assert.Single(haidian.GetProperty("points").EnumerateArray())), ranked.GetProperty("value").GetDouble());
        Assert.Equal(1, ranked.GetProperty("rank").GetInt32());
        // The cases section counts the supervision cases of the place: this host's data raised none.
        Assert.True(bulletin.GetProperty("cases").GetProperty("available").GetBoolean());
        Assert.Empty((await host.GetAsync<JsonElement>($"/api/cases?region={Root}&status=all")).EnumerateArray());
        Assert.Equal((0, 0, 0, 0), (Count("opened"), Count("closed"), Count("openAtEnd"), Count("overdue")));
        int Count(string name) => bulletin.GetProperty("cases").GetProperty("figures").GetProperty(name).GetInt32();

        using var pdf = await host.Http.GetAsync(en.GetProperty("pdf").GetString());
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        Assert.Equal("%PDF-"u8.ToArray(), (await pdf.Content.ReadAsByteArrayAsync())[..5]);
        var page = await host.Http.GetStringAsync(items.Single(i => i.GetProperty("language").GetString() == "zh").GetProperty("html").GetString());
        Assert.Contains("示范市 环境质量日报", page);

        using var unknown = await host.Http.GetAsync("/api/bulletins?region=atlantis");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("'atlantis' is not a region", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        using var badDate = await host.Http.GetAsync($"/api/bulletins/{Root}/day/2026-02-30/pdf");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("period '2026-02-30'", (await badDate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    private static double Number(JsonElement point) => point.GetProperty("value").GetDouble();

    /// <summary>The city's day: a daily AQI of 137 (轻度污染), 20 hours with an hourly AQI of which 6 above 100, and
    /// two districts' daily AQI, Haidian the cleanest.</summary>
    private static async Task FillAsync(string dataDirectory, DateOnly day)
    {
        var store = new SqliteHistoryStore(Options.Create(new HistoryStoreOptions { DatabasePath = Path.Combine(dataDirectory, "history.db") }),
            TimeProvider.System, NullLogger<SqliteHistoryStore>.Instance);
        var start = Calendar.StartOf(day);
        List<HistoryPoint> points =
        [
            new(HistoryScope.Region, Root, HistoryMetrics.Aqi, HistoryResolution.Day, start, 137, 20, "HJ633-2026"),
            new(HistoryScope.District, "haidian", HistoryMetrics.Aqi, HistoryResolution.Day, start, 64, 20, "HJ633-2026"),
            new(HistoryScope.District, "chaoyang", HistoryMetrics.Aqi, HistoryResolution.Day, start, 150, 20, "HJ633-2026"),
            .. Enumerable.Range(0, 20).Select(h => new HistoryPoint(HistoryScope.Region, Root, HistoryMetrics.Aqi, HistoryResolution.Hour,
                start.AddHours(h), h < 6 ? 160 : 80, RuleSet: "HJ633-2026")),
        ];
        await store.WriteAsync(points);
    }
}
