using System.Net;

namespace CityBrain.SensorThings.Tests;

/// <summary>Open-data access per dataset: anonymous callers read the aggregates only (the default), so device
/// entities are left out of their collections and refused when addressed.</summary>
[Collection(StaCollection.Name)]
public sealed class AccessTests(StaFixture fixture)
{
    [Fact]
    public async Task Anonymous_collections_hold_the_aggregates_and_nothing_of_the_devices()
    {
        var things = await fixture.Anonymous.IdsAsync("Things?$top=50");
        var datastreams = await fixture.Anonymous.IdsAsync("Datastreams?$top=50&$filter=startswith(id, 'device:')");
        var sensors = await fixture.Anonymous.IdsAsync("Sensors");
        var sites = await fixture.Anonymous.IdsAsync("Datastreams('district:haidian:aqi:hour')/Observations?$expand=FeatureOfInterest&$top=1");

        Assert.Equal(13, things.Count);
        Assert.DoesNotContain(things, t => t.StartsWith("device:", StringComparison.Ordinal));
        Assert.Empty(datastreams);
        Assert.DoesNotContain(sensors, s => s.StartsWith("sensor:", StringComparison.Ordinal));
        Assert.Single(sites);
    }

    [Theory]
    [InlineData("Things('device:sta-a')", "DeviceHourly")]
    [InlineData($"Datastreams('{StaFixture.PmA}')/Observations", "DeviceRaw")]
    [InlineData($"Observations('{StaFixture.PmA}:1')", "DeviceRaw")]
    [InlineData($"Datastreams('{StaFixture.PmA}:hour')", "DeviceHourly")]
    [InlineData("Things('device:no-such-device')", "DeviceHourly")]
    public async Task Anonymous_callers_addressing_device_data_are_told_401_and_what_would_let_them_read_it(string path, string dataset)
    {
        var (status, body) = await fixture.Anonymous.SendAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains($"({dataset})", body.GetProperty("error").GetString());
        Assert.Contains("API token", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_signed_in_caller_reads_the_device_data_anonymous_callers_may_not()
    {
        var thing = await fixture.Admin.GetAsync("Things('device:sta-a')");

        Assert.Equal("device:sta-a", thing.GetProperty("@iot.id").GetString());
        Assert.Equal("district:haidian", (await fixture.Anonymous.GetAsync("Things('district:haidian')")).GetProperty("@iot.id").GetString());
    }
}
