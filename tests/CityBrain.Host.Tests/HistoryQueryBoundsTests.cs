using System.Net;
using System.Net.Http.Json;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>History queries with dates at the ends of what a computer can count, and query strings no cockpit would
/// send: each answers 400 with an error naming the parameter and what is allowed, never 500.</summary>
[Collection(HostCollection.Name)]
public sealed class HistoryQueryBoundsTests(HostFixture fixture)
{
    private const string Device = "hist-bounds-1";

    private static readonly SemaphoreSlim Reported = new(1, 1);
    private static bool _reported;

    private RunningHost Host => fixture.Host;

    /// <summary>The three places with a history; the device must have reported, or its history is a 404.</summary>
    private static readonly string[] Places = ["/api/regions/demo-city/history", "/api/regions/haidian/history", $"/api/devices/{Device}/history"];

    public static TheoryData<string> Scopes => new(Places);

    private async Task EnsureDeviceReportedAsync()
    {
        await Reported.WaitAsync();
        try
        {
            if (_reported) return;
            await using var device = await Host.ConnectDeviceAsync("haidian", Device);
            var ack = await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-2), TestDevice.Value(Quantity.Pm2_5, 30));
            Assert.True(ack.IsSuccess, ack.ReasonString);
            await RunningHost.EventuallyAsync(async () => (await Host.Http.GetAsync($"/api/devices/{Device}")).StatusCode,
                s => s == HttpStatusCode.OK, "the device known to the cluster");
            _reported = true;
        }
        finally
        {
            Reported.Release();
        }
    }

    private async Task<string> BadRequestAsync(string path)
    {
        await EnsureDeviceReportedAsync();
        var response = await Host.Http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path} answered {(int)response.StatusCode}: {body}");
        var error = await response.Content.ReadFromJsonAsync<ErrorResponse>();
        Assert.False(string.IsNullOrWhiteSpace(error?.Error), $"{path} answered 400 without an error: {body}");
        return error!.Error;
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task A_range_ending_in_year_1_is_refused_naming_to(string scope)
    {
        var error = await BadRequestAsync($"{scope}?metric=pm2_5&to=0001-01-01T00:00:00Z");

        Assert.Contains("to '0001-01-01T00:00:00Z'", error, StringComparison.Ordinal);
        Assert.Contains("2000-01-01T00:00:00Z", error, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> ScopesAndSteps
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var scope in Places)
            {
                foreach (var step in new[] { "hour", "day", "month", "year" }) data.Add(scope, step);
            }
            return data;
        }
    }

    /// <summary>A device keeps hours only: any other step is refused for its own sake before the dates are looked at.</summary>
    private static bool DeviceRefusesStep(string scope, string step) => scope.Contains("/devices/", StringComparison.Ordinal) && step != "hour";

    [Theory]
    [MemberData(nameof(ScopesAndSteps))]
    public async Task A_range_ending_in_year_9999_is_refused_naming_to(string scope, string step)
    {
        var error = await BadRequestAsync($"{scope}?metric=pm2_5&to=9999-12-31T23:59:59Z&step={step}");

        var expected = DeviceRefusesStep(scope, step) ? "step=hour" : "to '9999-12-31T23:59:59Z' is outside";
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ScopesAndSteps))]
    public async Task A_range_starting_in_year_1_is_refused_naming_from(string scope, string step)
    {
        var error = await BadRequestAsync($"{scope}?metric=pm2_5&from=0001-01-01T00:00:00Z&step={step}");

        var expected = DeviceRefusesStep(scope, step) ? "step=hour" : "from '0001-01-01T00:00:00Z' is outside";
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task A_short_range_in_year_1_is_refused_naming_a_bad_end(string scope)
    {
        var error = await BadRequestAsync($"{scope}?metric=pm2_5&from=0001-01-01T00:00:00Z&to=0001-01-02T00:00:00Z");

        Assert.Contains("to '0001-01-02T00:00:00Z' is outside", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task A_range_starting_in_year_1_and_ending_now_is_refused_naming_from(string scope)
    {
        var error = await BadRequestAsync($"{scope}?metric=pm2_5&from=0001-01-01T00:00:00Z&to=2026-01-01T00:00:00Z");

        Assert.Contains("from '0001-01-01T00:00:00Z' is outside the allowed range", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public async Task A_range_far_in_the_future_is_refused_naming_from(string scope)
    {
        var error = await BadRequestAsync($"{scope}?metric=pm2_5&from=2999-01-01T00:00:00Z");

        Assert.Contains("from '2999-01-01T00:00:00Z' is outside", error, StringComparison.Ordinal);
        Assert.Contains("one year after now", error, StringComparison.Ordinal);
    }

    /// <summary>Query strings no client should send. Each is a 400 naming the parameter, never a 500.</summary>
    public static TheoryData<string, string> Garbage => new()
    {
        { "metric=pm2_5&from=yesterday", "from 'yesterday'" },
        { "metric=pm2_5&to=-1", "to '-1'" },
        { "metric=pm2_5&to=99999999999999999999999999", "to '99999999999999999999999999'" },
        { "metric=pm2_5&from=1e308", "from '1e308'" },
        { "metric=pm2_5&from=0001-01-01T00:00:00%2B14:00", "from '0001-01-01T00:00:00+14:00'" },
        { "metric=pm2_5&to=9999-12-31T23:59:59-14:00", "to '9999-12-31T23:59:59-14:00'" },
        { "metric=pm2_5&from=2026-11-23T08:00:00%2B99:00", "from '2026-11-23T08:00:00+99:00'" },
        { "metric=pm2_5&from=%00%01", "from '" },
        { "metric=pm2_5&from=2026-01-01T00:00:00Z&from=2026-01-02T00:00:00Z", "from is given 2 times" },
        { "metric=pm2_5&to=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z", "to is given 2 times" },
        { "metric=pm2_5&metric=aqi", "metric is given 2 times" },
        { "metric=pm2_5&step=hour&step=hour", "step is given 2 times" },
        { "metric=", "metric is required" },
        { "metric=pm2_5&step=", "step" },
        { "metric=" + "x" + new string('y', 5000), "metric 'xyyyyyyy" },
        { "metric=pm2_5&from=2026-11-02T00:00:00Z&to=2026-11-01T00:00:00Z", "from (2026-11-02T00:00:00.0000000+00:00) must be before to" },
        { "metric=pm2_5&from=2026-11-01T00:00:00Z&to=2026-11-01T00:00:00Z", "must be before to" },
        { "metric=pm2_5&from=2000-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "more than 10000" },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_in_the_query_string_answers_400_naming_the_parameter(string query, string fragment)
    {
        foreach (var scope in Places)
        {
            var path = $"{scope}?{query}";
            var error = await BadRequestAsync(path);
            Assert.True(error.Contains(fragment, StringComparison.Ordinal), $"{path}: {error}");
        }
    }

    [Theory]
    [InlineData("metric=pm2_5&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z")]
    [InlineData("metric=pm2_5&to=2000-01-02T00:00:00Z")]
    [InlineData("metric=pm2_5&from=&to=")]
    [InlineData("metric=pm2_5&from=%20")]
    public async Task Ranges_at_the_edge_of_the_bounds_are_answered(string query)
    {
        await EnsureDeviceReportedAsync();
        foreach (var scope in Places)
        {
            var response = await Host.Http.GetAsync($"{scope}?{query}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{scope}?{query} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    [Fact]
    public async Task The_rest_of_this_year_can_be_asked_for_by_month()
    {
        var now = DateTimeOffset.UtcNow;
        var history = await Host.GetAsync<HistoryResponse>(
            $"/api/regions/haidian/history?metric=pm2_5&step=month&from={now.Year}-01-01T00:00:00Z&to={now.Year + 1}-01-01T00:00:00Z");

        Assert.InRange(history!.Points.Count, 12, 13);
    }
}
