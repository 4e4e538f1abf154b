namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Requirement class "single entity" (§9.2.3): an entity addressed by id, with every property of its type
/// mapped from CityBrain's model.</summary>
[Collection(StaCollection.Name)]
public sealed class SingleEntityTests(StaFixture fixture)
{
    [Fact]
    public async Task A_device_Thing_says_where_it_is_registered_and_whether_it_is_online()
    {
        var thing = await fixture.Admin.GetAsync("Things('device:sta-a')");

        Assert.Equal(("device:sta-a", "sta-a"), (thing.GetProperty("@iot.id").GetString(), thing.GetProperty("name").GetString()));
        var properties = thing.GetProperty("properties");
        Assert.Equal(("device", "haidian"), (properties.GetProperty("kind").GetString(), properties.GetProperty("district").GetString()));
        Assert.True(properties.GetProperty("registeredAt").GetDateTimeOffset() <= DateTimeOffset.UtcNow);
        Assert.Equal(System.Text.Json.JsonValueKind.True, properties.GetProperty("online").ValueKind);
    }

    [Fact]
    public async Task A_raw_Observation_is_one_reading_of_one_report()
    {
        var observation = await fixture.Admin.GetAsync($"Observations('{StaFixture.PmA}:3')");

        var start = fixture.Hour.Start.AddMinutes(2);
        Assert.Equal($"{Iso(start)}/{Iso(start.AddMinutes(1))}", observation.GetProperty("phenomenonTime").GetString());
        Assert.Equal(start.AddMinutes(1), observation.GetProperty("resultTime").GetDateTimeOffset());
        Assert.Equal(12, observation.GetProperty("result").GetDouble());
        Assert.Equal("ok", observation.GetProperty("resultQuality").GetProperty("quality").GetString());
        var parameters = observation.GetProperty("parameters");
        Assert.Equal(("pms5003@ttyS0", 11.0, 13.0, 60), (parameters.GetProperty("sensor").GetString(), parameters.GetProperty("min").GetDouble(),
            parameters.GetProperty("max").GetDouble(), parameters.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task An_invalid_reading_has_a_null_result_and_its_reason_as_result_quality()
    {
        var observation = await fixture.Admin.GetAsync($"Observations('device:sta-a:noise:{StaFixture.InvalidSequence}')");

        Assert.Equal(System.Text.Json.JsonValueKind.Null, observation.GetProperty("result").ValueKind);
        Assert.Equal(("invalid", "microphone unplugged"), (observation.GetProperty("resultQuality").GetProperty("quality").GetString(),
            observation.GetProperty("resultQuality").GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task An_hourly_Observation_spans_its_hour_and_is_addressed_by_the_hour_start()
    {
        var id = $"{StaFixture.PmA}:hour:{fixture.Hour.Start.ToUnixTimeSeconds()}";

        var observation = await fixture.Admin.GetAsync($"Observations('{id}')");

        Assert.Equal(id, observation.GetProperty("@iot.id").GetString());
        Assert.Equal($"{Iso(fixture.Hour.Start)}/{Iso(fixture.Hour.End)}", observation.GetProperty("phenomenonTime").GetString());
        // sta-a reported 10, 11, … 59 over 50 minutes.
        Assert.Equal(34.5, observation.GetProperty("result").GetDouble(), 3);
        Assert.Equal(StaFixture.ReportsA, observation.GetProperty("parameters").GetProperty("count").GetInt32());
    }

    [Fact]
    public async Task A_Datastream_states_its_unit_in_UCUM_and_its_observation_type()
    {
        var datastream = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')");

        var unit = datastream.GetProperty("unitOfMeasurement");
        Assert.Equal(("µg/m³", "ucum:ug/m3"), (unit.GetProperty("symbol").GetString(), unit.GetProperty("definition").GetString()));
        Assert.Equal("http://www.opengis.net/def/observationType/OGC-OM/2.0/OM_Measurement", datastream.GetProperty("observationType").GetString());
        Assert.Equal("Point", datastream.GetProperty("observedArea").GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_district_Location_is_its_polygon_in_GeoJSON_and_the_city_is_the_extent_of_its_districts()
    {
        var district = await fixture.Admin.GetAsync("Locations('district:haidian')");
        var city = await fixture.Admin.GetAsync("Locations('region:demo-city')");

        Assert.Equal("application/geo+json", district.GetProperty("encodingType").GetString());
        Assert.Equal("Polygon", district.GetProperty("location").GetProperty("type").GetString());
        var ring = district.GetProperty("location").GetProperty("coordinates")[0];
        Assert.Equal(ring[0].ToString(), ring[ring.GetArrayLength() - 1].ToString());
        Assert.Equal("Polygon", city.GetProperty("location").GetProperty("type").GetString());
    }

    [Fact]
    public async Task An_ObservedProperty_is_defined_by_a_public_vocabulary()
    {
        var pm25 = await fixture.Admin.GetAsync("ObservedProperties('pm2_5')");
        var temperature = await fixture.Admin.GetAsync("ObservedProperties('temperature')");

        Assert.Equal(("PM2.5", "http://dd.eionet.europa.eu/vocabulary/aq/pollutant/6001"), (pm25.GetProperty("name").GetString(),
            pm25.GetProperty("definition").GetString()));
        Assert.Equal("http://qudt.org/vocab/quantitykind/Temperature", temperature.GetProperty("definition").GetString());
    }

    internal static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
}
