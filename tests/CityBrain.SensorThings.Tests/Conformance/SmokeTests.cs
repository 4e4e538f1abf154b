namespace CityBrain.SensorThings.Tests.Conformance;

[Collection(StaCollection.Name)]
public sealed class SmokeTests(StaFixture fixture)
{
    [Fact]
    public async Task Root_lists_sets()
    {
        var root = await fixture.Admin.GetAsync("");
        Assert.Equal(8, root.GetProperty("value").GetArrayLength());
        var thing = await fixture.Admin.GetAsync("Things('device:sta-a')?$expand=Datastreams($top=2;$expand=Observations($top=2))");
        Console.WriteLine(thing);
    }
}
