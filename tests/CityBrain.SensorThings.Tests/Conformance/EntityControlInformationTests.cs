using CityBrain.SensorThings.Model;

namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Requirement class "entity control information" (OGC 18-088 §8.2.1): every entity carries @iot.id and
/// @iot.selfLink, and a navigation link per navigation property of its type.</summary>
[Collection(StaCollection.Name)]
public sealed class EntityControlInformationTests(StaFixture fixture)
{
    public static TheoryData<string> Sets => [.. EntityTypes.All.Select(t => t.SetName)];

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Every_entity_of_a_set_has_its_id_self_link_and_one_navigation_link_per_navigation_property(string set)
    {
        var type = EntityTypes.BySetName(set);
        var root = new Uri(fixture.Host.BaseAddress, StaClient.Root).ToString();
        var page = (await fixture.Admin.GetAsync(set)).GetProperty("value").EnumerateArray().ToList();

        Assert.NotEmpty(page);
        foreach (var entity in page)
        {
            var id = entity.GetProperty("@iot.id").GetString()!;
            var self = entity.GetProperty("@iot.selfLink").GetString()!;
            Assert.Equal($"{root}/{set}('{id}')", self);
            foreach (var navigation in type.Navigations)
            {
                Assert.Equal($"{self}/{navigation.Name}", entity.GetProperty(navigation.Name + "@iot.navigationLink").GetString());
            }
            var links = entity.EnumerateObject().Count(p => p.Name.EndsWith("@iot.navigationLink", StringComparison.Ordinal));
            Assert.Equal(type.Navigations.Count, links);
        }
    }

    [Fact]
    public async Task A_self_link_reads_back_the_same_entity()
    {
        var observation = (await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/Observations?$top=1")).GetProperty("value")[0];

        var again = await fixture.Admin.GetAsync(observation.GetProperty("@iot.selfLink").GetString()!);

        Assert.Equal(observation.ToString(), again.ToString());
    }
}
