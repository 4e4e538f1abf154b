using System.Net;

namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Requirement class "collections" (§9.2.2): a set answers {value: [...]} with every entity of it, in a
/// stable order, and the root document lists every set with its URL.</summary>
[Collection(StaCollection.Name)]
public sealed class CollectionTests(StaFixture fixture)
{
    [Fact]
    public async Task The_root_document_lists_the_eight_sets_with_their_urls_and_the_conformance_classes()
    {
        var root = await fixture.Admin.GetAsync("");
        var sets = root.GetProperty("value").EnumerateArray().ToDictionary(e => e.GetProperty("name").GetString()!, e => e.GetProperty("url").GetString()!);

        Assert.Equal(["Things", "Locations", "HistoricalLocations", "Datastreams", "Sensors", "ObservedProperties", "Observations", "FeaturesOfInterest"],
            sets.Keys);
        Assert.All(sets, s => Assert.Equal(new Uri(fixture.Host.BaseAddress, $"{StaClient.Root}/{s.Key}").ToString(), s.Value));
        var conformance = root.GetProperty("serverSettings").GetProperty("conformance").EnumerateArray().Select(c => c.GetString()).ToList();
        Assert.Contains("http://www.opengis.net/spec/iot_sensing/1.1/req/request-data", conformance);
        Assert.Contains("http://www.opengis.net/spec/iot_sensing/1.1/req/receive-updates-via-mqtt/receive-updates", conformance);
    }

    [Fact]
    public async Task Things_are_the_city_its_districts_and_the_devices_that_reported()
    {
        var things = await fixture.Admin.IdsAsync("Things?$top=50");

        Assert.Equal(1 + 12 + 2, things.Count);
        Assert.Contains("region:demo-city", things);
        Assert.Contains("district:haidian", things);
        Assert.Contains("device:sta-a", things);
        Assert.Contains("device:sta-b", things);
        Assert.Equal(things.Order(StringComparer.Ordinal), things);
    }

    [Fact]
    public async Task Every_set_answers_a_value_array()
    {
        foreach (var set in new[] { "Things", "Locations", "HistoricalLocations", "Datastreams", "Sensors", "ObservedProperties", "Observations", "FeaturesOfInterest" })
        {
            var (status, body) = await fixture.Admin.SendAsync(set);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.True(body.GetProperty("value").GetArrayLength() > 0, set);
        }
    }

    [Fact]
    public async Task Sensors_are_the_chips_that_reported_and_the_procedures_that_compute_series()
    {
        var sensors = await fixture.Admin.IdsAsync("Sensors");

        Assert.Equal(["procedure:daily-mean", "procedure:hj633-aqi", "procedure:hourly-mean", "sensor:bme280", "sensor:ics43432", "sensor:pms5003", "sensor:sps30"],
            sensors);
    }
}
