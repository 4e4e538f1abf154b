using System.Net;

namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Malformed requests answer 400 and unknown entities 404, each with a sentence naming what was wrong.</summary>
[Collection(StaCollection.Name)]
public sealed class ErrorTests(StaFixture fixture)
{
    [Theory]
    [InlineData("Things?$filter=name eq", "$filter")]
    [InlineData("Things?$filter=colour eq 'red'", "'colour'")]
    [InlineData("Things?$orderby=colour", "'colour'")]
    [InlineData("Things?$filter=Datastreams/Observations/result gt 1", "Observations")]
    [InlineData("Things?$filter=Datastreams eq 1", "navigation property")]
    [InlineData("Things?$select=colour", "$select names 'colour'")]
    [InlineData("Things?$expand=Colours", "$expand names 'Colours'")]
    [InlineData("Things?$expand=Datastreams($filter=colour eq 1)", "in $expand=Datastreams")]
    [InlineData("Things?$top=-1", "$top")]
    [InlineData("Things?$top=1&$top=2", "$top")]
    [InlineData("Things?$frobnicate=1", "$frobnicate")]
    [InlineData("Things('device:sta-a')/$value", "$value")]
    [InlineData("Things('device:sta-a')/name/nonsense", "only $value")]
    [InlineData("Things/Datastreams", "follows a collection")]
    [InlineData("Things('unclosed)", "quote")]
    [InlineData("Datastreams('device:sta-a:pm2_5')/Thing('device:sta-a')", "takes no key")]
    public async Task A_malformed_request_is_400_with_the_reason(string path, string named)
    {
        var (status, body) = await fixture.Admin.SendAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(named, body.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("Things('device:nobody')", "Things('device:nobody') does not exist")]
    [InlineData("Observations('device:sta-a:pm2_5:999999')", "does not exist")]
    [InlineData("Observations('nonsense')", "does not exist")]
    [InlineData("Datastreams('district:haidian:colour:hour')", "does not exist")]
    [InlineData("Gadgets", "no entity set 'Gadgets'")]
    [InlineData("Things('device:sta-a')/Colour", "'Colour'")]
    [InlineData("HistoricalLocations('district:yanqing')", "does not exist")]
    public async Task An_unknown_entity_or_name_is_404_naming_it(string path, string named)
    {
        var (status, body) = await fixture.Admin.SendAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains(named, body.GetProperty("error").GetString());
    }
}
