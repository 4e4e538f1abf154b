using System.Net;
using System.Net.Http.Json;
using CityBrain.Testing;

namespace CityBrain.OpenData.Tests;

/// <summary>What an export answers before it streams anything: 400 with the reason for a wrong parameter, 401 for
/// device data without a token, 404 for a place the city does not have.</summary>
[Collection(OpenDataHostCollection.Name)]
public sealed class ExportRequestTests(OpenDataHostFixture fixture)
{
    private RunningHost Host => fixture.Host;

    [Theory]
    [InlineData(400, "scope=planet", "scope 'planet' is not region, district or device")]
    [InlineData(400, "scope=district", "id is required for scope=district")]
    [InlineData(400, "step=week", "step 'week' is not hour or day")]
    [InlineData(400, "scope=device&id=dev-1&step=day", "devices keep hourly history only")]
    [InlineData(400, "metrics=aqi,bogus", "metric 'bogus' is unknown")]
    [InlineData(400, "metrics=,", "metrics names no metric")]
    [InlineData(400, "format=xlsx", "format 'xlsx' is not csv or parquet")]
    [InlineData(400, "from=yesterday", "from 'yesterday' is not a date and time")]
    [InlineData(400, "to=9999-12-31T00:00:00Z", "to '9999-12-31T00:00:00Z' is outside the allowed range")]
    [InlineData(400, "from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "must be before")]
    [InlineData(400, "from=2020-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "more than the 366 days an export by hour may span (OpenData:Export:MaxHourlyDays)")]
    [InlineData(400, "step=day&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "more than the 3660 days an export by day may span")]
    [InlineData(400, "colour=red", "unknown parameter 'colour'")]
    [InlineData(400, "format=csv&format=parquet", "format is given 2 times")]
    [InlineData(400, "scope=device&id=Not%20A%20Device", "id 'Not A Device' is not a valid device id")]
    [InlineData(404, "scope=district&id=atlantis", "'atlantis' is not a district of 'demo-city'")]
    [InlineData(404, "scope=city&id=gotham", "'gotham' is not a region above the districts of 'demo-city'")]
    [InlineData(404, "scope=device&id=never-seen-7", "device 'never-seen-7' has never reported")]
    public async Task A_wrong_parameter_answers_400_and_a_place_the_city_does_not_have_404_with_the_reason(int status, string query, string reason)
    {
        var response = await Host.Http.GetAsync($"/api/export?{query}");
        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<OpenDataError>())!.Error);
    }

    [Fact]
    public async Task Device_data_needs_a_token_while_the_aggregates_are_public()
    {
        var refused = await Host.Anonymous.GetAsync("/api/export?scope=device&id=export-anyone-1");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("devices' hourly means (DeviceHourly) may be read only when signed in or with an API token",
            (await refused.Content.ReadFromJsonAsync<OpenDataError>())!.Error);

        var city = await Host.Anonymous.GetAsync("/api/export?scope=city&metrics=aqi");
        Assert.Equal(HttpStatusCode.OK, city.StatusCode);
        Assert.Equal("attachment", city.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Matches(@"^demo-city-city-hour-\d{8}T\d{4}-\d{8}T\d{4}\.csv$", city.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        // The last 24 hours by default: the hour the range starts in counts too.
        var rows = await ExportedRows.ReadCsvAsync(await city.Content.ReadAsStreamAsync());
        Assert.InRange(rows.Count, 24, 25);
    }
}
