namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Requirement class "association link" (§9.2.7): $ref answers self links only.</summary>
[Collection(StaCollection.Name)]
public sealed class AssociationLinkTests(StaFixture fixture)
{
    [Fact]
    public async Task Ref_of_a_collection_answers_the_self_link_of_each_member_only()
    {
        var links = await fixture.Admin.GetAsync("Things('device:sta-a')/Datastreams/$ref?$count=true");

        Assert.Equal(6, links.GetProperty("@iot.count").GetInt32());
        Assert.Equal(6, links.GetProperty("value").GetArrayLength());
        Assert.All(links.GetProperty("value").EnumerateArray(), link =>
        {
            Assert.Equal(["@iot.selfLink"], link.EnumerateObject().Select(p => p.Name));
            Assert.Contains("/sta/v1.1/Datastreams('device:sta-a:", link.GetProperty("@iot.selfLink").GetString());
        });
    }

    [Fact]
    public async Task Ref_of_one_entity_answers_its_self_link()
    {
        var link = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/Thing/$ref");

        Assert.Equal(new Uri(fixture.Host.BaseAddress, "/sta/v1.1/Things('device:sta-a')").ToString(), link.GetProperty("@iot.selfLink").GetString());
        Assert.Single(link.EnumerateObject());
    }

    [Fact]
    public async Task Ref_pages_like_the_collection_it_links()
    {
        var links = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/Observations/$ref?$top=5&$filter=result ge 20");

        Assert.Equal(5, links.GetProperty("value").GetArrayLength());
        Assert.EndsWith($"Observations('{StaFixture.PmA}:11')", links.GetProperty("value")[0].GetProperty("@iot.selfLink").GetString());
        Assert.Contains("$top=5&$skip=5", links.GetProperty("@iot.nextLink").GetString());
    }
}
