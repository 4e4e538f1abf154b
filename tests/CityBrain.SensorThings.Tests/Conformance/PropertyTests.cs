using System.Net;

namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Requirement classes "property" and "property value" (§9.2.4, §9.2.5): /Entity(id)/property answers
/// {property: value}; /$value the bare value.</summary>
[Collection(StaCollection.Name)]
public sealed class PropertyTests(StaFixture fixture)
{
    [Fact]
    public async Task A_property_answers_an_object_with_only_that_property()
    {
        var name = await fixture.Admin.GetAsync("Things('device:sta-a')/name");
        var unit = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/unitOfMeasurement");

        Assert.Equal("""{"name":"sta-a"}""", name.ToString());
        Assert.Equal(["unitOfMeasurement"], unit.EnumerateObject().Select(p => p.Name));
        Assert.Equal("ucum:ug/m3", unit.GetProperty("unitOfMeasurement").GetProperty("definition").GetString());
    }

    [Fact]
    public async Task Value_answers_a_string_as_plain_text_and_anything_else_as_its_JSON()
    {
        using var name = await fixture.Admin.Http.GetAsync($"{StaClient.Root}/Things('device:sta-a')/name/$value");
        using var result = await fixture.Admin.Http.GetAsync($"{StaClient.Root}/Observations('{StaFixture.PmA}:1')/result/$value");

        Assert.Equal(("text/plain", "sta-a"), (name.Content.Headers.ContentType!.MediaType, await name.Content.ReadAsStringAsync()));
        Assert.Equal("10", await result.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_value_of_a_null_property_is_no_content()
    {
        using var response = await fixture.Admin.Http.GetAsync($"{StaClient.Root}/Observations('device:sta-a:noise:{StaFixture.InvalidSequence}')/result/$value");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task The_id_is_a_property_too()
    {
        var id = await fixture.Admin.GetAsync("Sensors('sensor:pms5003')/id");

        Assert.Equal("sensor:pms5003", id.GetProperty("id").GetString());
    }
}
