using System.Net;

namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Requirement class "navigation" (§9.2.6): every navigation link leads to the related entities, both ways.</summary>
[Collection(StaCollection.Name)]
public sealed class NavigationTests(StaFixture fixture)
{
    [Fact]
    public async Task A_device_has_a_raw_and_an_hourly_Datastream_per_quantity_it_reports()
    {
        var datastreams = await fixture.Admin.IdsAsync("Things('device:sta-a')/Datastreams");

        Assert.Equal(["device:sta-a:noise", "device:sta-a:noise:hour", "device:sta-a:pm2_5", "device:sta-a:pm2_5:hour", "device:sta-a:temperature",
            "device:sta-a:temperature:hour"], datastreams.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_Datastream_leads_to_its_Thing_Sensor_and_ObservedProperty_and_they_lead_back()
    {
        var thing = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/Thing");
        var sensor = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/Sensor");
        var property = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/ObservedProperty");

        Assert.Equal(("device:sta-a", "sensor:pms5003", "pm2_5"), (thing.GetProperty("@iot.id").GetString(), sensor.GetProperty("@iot.id").GetString(),
            property.GetProperty("@iot.id").GetString()));
        Assert.Contains(StaFixture.PmA, await fixture.Admin.IdsAsync("Sensors('sensor:pms5003')/Datastreams"));
        Assert.Contains(StaFixture.PmA, await fixture.Admin.IdsAsync("ObservedProperties('pm2_5')/Datastreams?$top=50"));
        Assert.Equal("procedure:hourly-mean", (await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}:hour')/Sensor")).GetProperty("@iot.id").GetString());
    }

    [Fact]
    public async Task An_Observation_leads_to_its_Datastream_and_to_the_site_as_its_FeatureOfInterest()
    {
        var datastream = await fixture.Admin.GetAsync($"Observations('{StaFixture.PmA}:1')/Datastream");
        var feature = await fixture.Admin.GetAsync($"Observations('{StaFixture.PmA}:1')/FeatureOfInterest");

        Assert.Equal(StaFixture.PmA, datastream.GetProperty("@iot.id").GetString());
        Assert.Equal("device:sta-a", feature.GetProperty("@iot.id").GetString());
        Assert.Equal("Point", feature.GetProperty("feature").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_FeatureOfInterest_has_the_Observations_of_every_Datastream_at_its_site()
    {
        var all = await fixture.Admin.CountAsync("FeaturesOfInterest('device:sta-a')/Observations");
        var parts = 0L;
        foreach (var datastream in await fixture.Admin.IdsAsync("Things('device:sta-a')/Datastreams"))
        {
            parts += await fixture.Admin.CountAsync($"Datastreams('{datastream}')/Observations");
        }

        Assert.True(all >= 3 * StaFixture.ReportsA, $"{all} observations at sta-a's site");
        Assert.Equal(parts, all);
    }

    [Fact]
    public async Task Locations_and_HistoricalLocations_link_Things_both_ways()
    {
        var locations = await fixture.Admin.IdsAsync("Things('device:sta-a')/Locations");
        var things = await fixture.Admin.IdsAsync("Locations('device:sta-a')/Things");
        var historical = await fixture.Admin.GetAsync("Things('device:sta-a')/HistoricalLocations");
        var thing = await fixture.Admin.GetAsync("HistoricalLocations('device:sta-a')/Thing");
        var historicalLocations = await fixture.Admin.IdsAsync("HistoricalLocations('device:sta-a')/Locations");

        Assert.Equal(["device:sta-a"], locations);
        Assert.Equal(["device:sta-a"], things);
        Assert.Equal(1, historical.GetProperty("value").GetArrayLength());
        Assert.Equal("device:sta-a", thing.GetProperty("@iot.id").GetString());
        Assert.Equal(["device:sta-a"], historicalLocations);
    }

    [Fact]
    public async Task A_path_may_address_a_member_of_a_navigation_and_go_on_from_it()
    {
        var observation = await fixture.Admin.GetAsync($"Things('device:sta-a')/Datastreams('{StaFixture.PmA}')/Observations('{StaFixture.PmA}:2')");
        var (status, body) = await fixture.Admin.SendAsync($"Things('device:sta-b')/Datastreams('{StaFixture.PmA}')");

        Assert.Equal(11, observation.GetProperty("result").GetDouble());
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("is not one of the Datastreams of Things('device:sta-b')", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task District_and_city_Things_have_their_aggregates_AQI_included()
    {
        var district = await fixture.Admin.IdsAsync("Things('district:haidian')/Datastreams?$top=50");
        var city = await fixture.Admin.IdsAsync("Things('region:demo-city')/Datastreams?$top=50");

        Assert.Contains("district:haidian:aqi:hour", district);
        Assert.Contains("district:haidian:aqi:day", district);
        Assert.Contains("district:haidian:pm2_5:hour", district);
        Assert.Contains("district:haidian:online_rate:hour", district);
        Assert.Contains("district:haidian:noise_ld:day", district);
        Assert.DoesNotContain("district:haidian:noise:day", district);
        Assert.Contains("region:demo-city:aqi:hour", city);
        Assert.Contains("region:demo-city:pm2_5:day", city);
        var aqi = (await fixture.Admin.GetAsync("Datastreams('district:haidian:aqi:hour')/Observations")).GetProperty("value");
        Assert.Contains(aqi.EnumerateArray(), o => o.GetProperty("@iot.id").GetString() == $"district:haidian:aqi:hour:{fixture.Hour.Start.ToUnixTimeSeconds()}");
    }
}
