using CityBrain.Contracts.Payloads;
using CityBrain.Host.Api;
using CityBrain.Ingest.Metrics;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>A gateway announces its site in its health report; the cluster shows it in the device's view and its
/// district's list once it is sound and inside the district, and says why where it is not.</summary>
[Collection(HostCollection.Name)]
public sealed class DeviceSiteTests(HostFixture fixture)
{
    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task A_site_inside_the_district_is_shown_in_the_device_view_and_the_district_list()
    {
        await using var device = Host.Device("haidian", "site-wanliu");
        await device.ConnectAsync();
        var published = await device.PublishHealthAsync(new Site("万柳", 39.9185, 116.2586));
        Assert.True(published.IsSuccess, published.ReasonString);

        var shown = await RunningHost.EventuallyAsync(() => Host.GetAsync<DeviceResponse>("/api/devices/site-wanliu")!,
            d => d?.Health?.Site is not null, "the announced site in the device view");
        Assert.Equal(new("万柳", 39.9185, 116.2586), shown!.Health!.Site);
        Assert.Null(shown.Health.SiteRefusal);
        var listed = await RunningHost.EventuallyAsync(() => Host.GetAsync<RegionResponse>("/api/regions/haidian")!,
            r => r?.Devices?.Any(d => d.Id == "site-wanliu" && d.Site is not null) == true, "the site in haidian's device list");
        Assert.Equal(shown.Health.Site, listed!.Devices!.Single(d => d.Id == "site-wanliu").Site);
    }

    [Fact]
    public async Task A_position_outside_the_district_is_left_out_named_and_counted_and_the_rest_of_the_report_stands()
    {
        var before = (await Host.GetAsync<IngestCounters>("/api/ops/ingest"))!.SitesRefused;
        await using var device = Host.Device("haidian", "site-astray");
        await device.ConnectAsync();
        // Chaoyang's position, announced by a gateway registered in Haidian.
        await device.PublishHealthAsync(new Site("奥体中心", 39.9222, 116.4711));

        var shown = await RunningHost.EventuallyAsync(() => Host.GetAsync<DeviceResponse>("/api/devices/site-astray")!,
            d => d?.Health is not null, "the health report in the device view");
        Assert.Equal(new("奥体中心", null, null), shown!.Health!.Site);
        Assert.Equal("site position 39.9222, 116.4711 lies outside district haidian", shown.Health.SiteRefusal);
        Assert.Equal(60, shown.Health.UptimeSeconds);
        Assert.Equal(before + 1, (await Host.GetAsync<IngestCounters>("/api/ops/ingest"))!.SitesRefused);

        // Fixed by the technician: the next report's site is shown and the refusal is gone.
        await device.PublishHealthAsync(new Site("奥体中心", 39.9185, 116.2586));
        var fixedSite = await RunningHost.EventuallyAsync(() => Host.GetAsync<DeviceResponse>("/api/devices/site-astray")!,
            d => d?.Health?.Site?.Latitude is not null, "the corrected site");
        Assert.Null(fixedSite!.Health!.SiteRefusal);
    }

    [Fact]
    public async Task An_impossible_site_is_refused_whole_with_its_reason_and_swapped_coordinates_are_named()
    {
        await using var device = Host.Device("haidian", "site-swapped");
        await device.ConnectAsync();
        await device.PublishHealthAsync(new Site("万柳", 116.2586, 39.9185));

        var shown = await RunningHost.EventuallyAsync(() => Host.GetAsync<DeviceResponse>("/api/devices/site-swapped")!,
            d => d?.Health is not null, "the health report in the device view");
        Assert.Null(shown!.Health!.Site);
        Assert.Equal("site latitude 116.2586 is not on Earth: -90..90; latitude and longitude look swapped", shown.Health.SiteRefusal);
    }
}
