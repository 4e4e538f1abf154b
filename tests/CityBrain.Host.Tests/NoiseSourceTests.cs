using System.Net;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Noise;
using CityBrain.Indicators.Time;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>A noise source's level corrected for its background (HJ 706-2014): hours of known noise published over MQTT
/// for a source-watching device and its reference meter, read back corrected.</summary>
[Collection(HostCollection.Name)]
public sealed class NoiseSourceTests(HostFixture fixture)
{
    private static readonly LocalCalendar Beijing = LocalCalendar.ForZone("Asia/Shanghai");

    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task A_sites_hour_is_corrected_by_its_reference_meter_or_its_configured_background()
    {
        var hour = Beijing.HourOf((await HourBoundary.ClearOfTheTurnAsync(TimeSpan.FromMinutes(2))).AddHours(-1));
        await PublishHourAsync("ns-site", hour, 66.4);
        await PublishHourAsync("ns-quiet", hour, 57.0);
        await PublishHourAsync("ns-fixed", hour, 63.0);
        var range = $"from={Uri.EscapeDataString(hour.Start.ToString("O"))}&to={Uri.EscapeDataString(hour.End.ToString("O"))}";

        var site = await RunningHost.EventuallyAsync(() => Host.GetAsync<NoiseSourceResponse>($"/api/devices/ns-site/noise-source?{range}"),
            r => r!.Hours.Single().Measured is not null && r.Hours.Single().Background is not null, "both meters' hour");
        var fixedBackground = await RunningHost.EventuallyAsync(() => Host.GetAsync<NoiseSourceResponse>($"/api/devices/ns-fixed/noise-source?{range}"),
            r => r!.Hours.Single().Measured is not null, "the fixed site's hour");

        Assert.Equal(("ns-quiet", (double?)null, "dB(A)"), (site!.BackgroundDevice, site.Background, site.Unit));
        // 66.4 − 57.0 = 9.4 → 9: Table 1 takes 1 dB off, and the result is a whole decibel (§5.4).
        Assert.Equal(new NoiseSourceHourResponse(hour.Start, 66.4, 57.0, 9, -1, "corrected", 65.0), site.Hours.Single());
        Assert.Equal(57.0, fixedBackground!.Background);
        Assert.Equal(new NoiseSourceHourResponse(hour.Start, 63.0, 57.0, 6, -1, "corrected", 62.0), fixedBackground.Hours.Single());
    }

    [Fact]
    public async Task A_device_that_watches_no_source_is_told_how_to_configure_one()
    {
        var response = await Host.Http.GetAsync("/api/devices/ns-unset/noise-source");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("NoiseSources:Sites:ns-unset:Background", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("BackgroundDevice", "ns-x", null, "")]
    [InlineData("Background", null, 250.0, "Background 250 is not a sound level")]
    [InlineData("both", "ns-y", 50.0, "needs exactly one of Background")]
    [InlineData("neither", null, null, "needs exactly one of Background")]
    public void A_wrong_site_is_named_by_its_setting(string what, string? reference, double? level, string problem)
    {
        var options = new NoiseSourceOptions();
        options.Sites["ns-x"] = new NoiseSourceSite { Background = level, BackgroundDevice = reference };

        var result = new NoiseSourceOptionsValidator().Validate(null, options);

        Assert.True(result.Failed, what);
        Assert.Contains(problem == "" ? "is the site's own device" : problem, result.FailureMessage);
        Assert.Contains("NoiseSources:Sites:ns-x", result.FailureMessage);
    }

    private async Task PublishHourAsync(string deviceId, ClockHour hour, double level)
    {
        await using var device = await Host.ConnectDeviceAsync("chaoyang", deviceId);
        for (var minute = 0; minute < 60; minute++)
        {
            var ack = await device.PublishAsync(minute + 1, hour.Start.AddMinutes(minute), TestDevice.Value(Quantity.Noise, level));
            Assert.True(ack.IsSuccess, ack.ReasonString);
        }
    }
}
