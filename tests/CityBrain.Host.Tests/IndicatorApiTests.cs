using System.Net;
using System.Net.Http.Json;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Indicators.Time;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>Readings of known concentration published over MQTT for the past hour, read back as the AQI, history,
/// alerts and rankings of the API.</summary>
[Collection(HostCollection.Name)]
public sealed class IndicatorApiTests(HostFixture fixture)
{
    private static readonly LocalCalendar Beijing = LocalCalendar.ForZone("Asia/Shanghai");

    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task A_past_hour_of_known_PM25_reads_back_as_its_AQI_history_alert_and_ranking()
    {
        var hour = Beijing.HourOf((await HourBoundary.ClearOfTheTurnAsync(TimeSpan.FromMinutes(2))).AddHours(-1));
        await using var device = await Host.ConnectDeviceAsync("daxing", "aqi-api-1");
        for (var minute = 0; minute < 60; minute++)
        {
            var ack = await device.PublishAsync(minute + 1, hour.Start.AddMinutes(minute), TestDevice.Value(Quantity.Pm2_5, 150), TestDevice.Value(Quantity.Co, 0.8));
            Assert.True(ack.IsSuccess, ack.ReasonString);
        }
        var range = $"from={Uri.EscapeDataString(hour.Start.ToString("O"))}&to={Uri.EscapeDataString(hour.End.ToString("O"))}";

        var own = await RunningHost.EventuallyAsync(() => Host.GetAsync<HistoryResponse>($"/api/devices/aqi-api-1/history?metric=pm2_5&{range}"),
            // The hour may close while the minutes still arrive (its close delay is short here); the rest reopen it.
            h => h!.Points.Single().Count == 60, "the device's whole hour");
        Assert.Equal((150.0, 60), (own!.Points.Single().Value!.Value, own.Points.Single().Count));
        Assert.Equal("ug/m3", own.Unit);

        // HJ 633-2026: PM2.5 150 µg/m³ is the 200 breakpoint exactly; CO 0.8 mg/m³ (1h column) is far below.
        var aqi = await RunningHost.EventuallyAsync(() => Host.GetAsync<HistoryResponse>($"/api/regions/daxing/history?metric=aqi&{range}"),
            h => h!.Points.Single().Value == 200, "daxing's AQI of the hour");
        Assert.Equal(hour.Start, aqi!.Points.Single().Time);

        var alerts = await RunningHost.EventuallyAsync(() => Host.GetAsync<List<AlertResponse>>("/api/alerts?active=true"),
            a => a!.Any(x => x.District == "daxing" && x.Kind == "airPolluted"), "daxing's air alert");
        var alert = alerts!.First(x => x.District == "daxing" && x.Kind == "airPolluted");
        Assert.Equal((200.0, 100.0, true), (alert.Value, alert.Limit, alert.Active));
        Assert.Contains("AQI 200", alert.Message);

        var district = await RunningHost.EventuallyAsync(() => Host.GetAsync<RegionResponse>("/api/regions/daxing"),
            d => d!.Aqi is { Provisional: false } now && now.HourStart == hour.Start, "daxing's real-time AQI of the closed hour");
        var now = district!.Aqi!;
        Assert.Equal((200, "moderatelyPolluted", "HJ633-2026"), (now.Value, now.Category, now.Standard));
        Assert.Equal(["PM2.5"], now.PrimaryPollutants);
        Assert.Equal(200, now.Iaqi["pm2_5"]);
        Assert.Equal(hour.End, DateTimeOffset.Parse(now.Hour!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.EndsWith("+08:00", now.Hour);
        var ranking = await RunningHost.EventuallyAsync(() => Host.GetAsync<RankingResponse>("/api/rankings?metric=aqi"),
            r => r!.Children.Any(d => d.Id == "daxing" && d.Rank is not null), "daxing ranked");
        Assert.Contains(ranking!.Children, d => d.Id == "daxing" && d.Value == 200 && d.Rank is not null);
    }

    [Fact]
    public async Task A_ranking_lists_every_district_those_without_a_value_last_and_unranked()
    {
        var ranking = await Host.GetAsync<RankingResponse>("/api/rankings?metric=pm2_5");
        Assert.Equal(12, ranking!.Children.Count);
        Assert.Equal("ug/m3", ranking.Unit);
        // Ranked districts first, unranked ones after them (a stable sort by "unranked" changes nothing).
        Assert.Equal(ranking.Children.OrderBy(d => d.Rank is null).Select(d => d.Id), ranking.Children.Select(d => d.Id));
    }

    [Fact]
    public async Task Before_any_place_has_an_aqi_the_ranking_lists_every_child_unranked_without_changes()
    {
        await using var fresh = await RunningHost.StartAsync();

        var ranking = await fresh.GetAsync<RankingResponse>("/api/rankings?metric=aqi");

        Assert.Equal(12, ranking!.Children.Count);
        Assert.All(ranking.Children, d => Assert.True(d is { Rank: null, Value: null, PreviousHour: null, PreviousDay: null }, $"{d.Id} is ranked: {d}"));
    }

    [Fact]
    public async Task History_answers_every_period_of_the_range_with_gaps_as_null()
    {
        var history = await Host.GetAsync<HistoryResponse>("/api/regions/demo-city/history?metric=pm10&step=hour");
        // The last 24 hours: the hour in which the range starts counts too.
        Assert.InRange(history!.Points.Count, 24, 25);
        Assert.Equal(("pm10", "ug/m3", "hour"), (history.Metric, history.Unit, history.Step));
        Assert.All(history.Points.Zip(history.Points.Skip(1)), p => Assert.Equal(TimeSpan.FromHours(1), p.Second.Time - p.First.Time));

        var days = await Host.GetAsync<HistoryResponse>("/api/regions/haidian/history?metric=aqi&step=day");
        Assert.InRange(days!.Points.Count, 30, 31);
        Assert.All(days.Points, p => Assert.Equal(TimeSpan.FromHours(8), Beijing.ToLocal(p.Time).Offset));
        Assert.All(days.Points, p => Assert.Equal(TimeSpan.Zero, Beijing.ToLocal(p.Time).TimeOfDay));

        var months = await Host.GetAsync<HistoryResponse>("/api/regions/haidian/history?metric=pm2_5&step=month");
        Assert.InRange(months!.Points.Count, 12, 13);
        Assert.All(months.Points, p => Assert.Equal(1, Beijing.ToLocal(p.Time).Day));
        // A month needs 27 valid days: a host a few minutes old has none, so every month is a gap, not a zero.
        Assert.All(months.Points, p => Assert.Null(p.Value));
    }

    [Theory]
    [InlineData("/api/regions/haidian/history?metric=bogus", "metric 'bogus' is unknown")]
    [InlineData("/api/regions/haidian/history", "metric is required")]
    [InlineData("/api/regions/haidian/history?metric=aqi&step=week", "step 'week' is not hour, day, month or year")]
    [InlineData("/api/regions/haidian/history?metric=aqi&step=month", "'aqi' has none")]
    [InlineData("/api/devices/aqi-api-1/history?metric=pm2_5&step=day", "devices keep hourly history only")]
    [InlineData("/api/regions/haidian/history?metric=aqi&from=yesterday", "from 'yesterday' is not a date and time")]
    [InlineData("/api/regions/haidian/history?metric=aqi&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "must be before")]
    [InlineData("/api/regions/demo-city/history?metric=aqi&from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "more than 10000")]
    [InlineData("/api/alerts?active=maybe", "active 'maybe' is not true or false")]
    [InlineData("/api/alerts?region=atlantis", "'atlantis' is not a region of 'demo-city'")]
    [InlineData("/api/rankings?metric=temperature", "metric 'temperature' cannot be ranked")]
    public async Task Bad_query_parameters_answer_400_with_the_reason(string path, string reason)
    {
        var response = await Host.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>();
        Assert.Contains(reason, error!.Error);
    }

    [Fact]
    public async Task History_of_an_unknown_place_is_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync("/api/regions/atlantis/history?metric=aqi")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Host.Http.GetAsync("/api/devices/never-seen-9/history?metric=aqi")).StatusCode);
    }
}
