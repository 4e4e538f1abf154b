using System.Text.Json;

namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Requirement class "request data" (§9.3): each query option alone, combined, and inside $expand, on the
/// fixture's known series (sta-a's PM2.5 is 10, 11, … 59, one report a minute).</summary>
[Collection(StaCollection.Name)]
public sealed class QueryOptionTests(StaFixture fixture)
{
    private const string Pm = $"Datastreams('{StaFixture.PmA}')/Observations";

    private static List<double> Results(JsonElement page) =>
        [.. page.GetProperty("value").EnumerateArray().Select(o => o.GetProperty("result").GetDouble())];

    [Fact]
    public async Task Top_limits_the_page()
    {
        Assert.Equal([10.0, 11, 12], Results(await fixture.Admin.GetAsync($"{Pm}?$top=3")));
    }

    [Fact]
    public async Task Skip_starts_later()
    {
        Assert.Equal([58.0, 59], Results(await fixture.Admin.GetAsync($"{Pm}?$skip=48")));
    }

    [Fact]
    public async Task Count_counts_every_match_not_the_page()
    {
        var page = await fixture.Admin.GetAsync($"{Pm}?$count=true&$top=2");

        Assert.Equal((StaFixture.ReportsA, 2), (page.GetProperty("@iot.count").GetInt32(), page.GetProperty("value").GetArrayLength()));
        Assert.False((await fixture.Admin.GetAsync($"{Pm}?$count=false&$top=2")).TryGetProperty("@iot.count", out _));
    }

    [Fact]
    public async Task Orderby_sorts_by_any_property_either_way()
    {
        Assert.Equal([59.0, 58, 57], Results(await fixture.Admin.GetAsync($"{Pm}?$orderby=result desc&$top=3")));
        Assert.Equal([59.0, 58], Results(await fixture.Admin.GetAsync($"{Pm}?$orderby=phenomenonTime desc&$top=2")));
        var things = await fixture.Admin.IdsAsync("Things?$orderby=name desc&$top=50");
        var names = (await fixture.Admin.GetAsync("Things?$orderby=name desc&$top=50")).GetProperty("value").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()!).ToList();
        Assert.Equal(15, things.Count);
        Assert.Equal(names.OrderDescending(StringComparer.Ordinal), names);
    }

    [Fact]
    public async Task Select_writes_only_the_properties_named()
    {
        var page = await fixture.Admin.GetAsync($"{Pm}?$select=result,phenomenonTime&$top=1");

        Assert.Equal(["phenomenonTime", "result"], page.GetProperty("value")[0].EnumerateObject().Select(p => p.Name).Order());
        var withId = await fixture.Admin.GetAsync("Things('device:sta-a')?$select=id,name,Datastreams");
        Assert.Equal(["@iot.id", "@iot.selfLink", "Datastreams@iot.navigationLink", "name"], withId.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filter_compares_results_times_and_JSON_properties()
    {
        Assert.Equal([55.0, 56, 57, 58, 59], Results(await fixture.Admin.GetAsync($"{Pm}?$filter=result gt 54")));
        var from = SingleEntityTests.Iso(fixture.Hour.Start.AddMinutes(48));
        Assert.Equal([58.0, 59], Results(await fixture.Admin.GetAsync($"{Pm}?$filter=resultTime gt {from}")));
        Assert.Equal(["device:sta-a"], await fixture.Admin.IdsAsync("Things?$filter=properties/district eq 'haidian' and properties/kind eq 'device'"));
        var invalid = await fixture.Admin.IdsAsync("Datastreams('device:sta-a:noise')/Observations?$filter=resultQuality/quality eq 'invalid'");
        Assert.Equal([$"device:sta-a:noise:{StaFixture.InvalidSequence}"], invalid);
    }

    [Fact]
    public async Task A_time_range_filter_and_a_descending_time_order_read_the_range_newest_first()
    {
        var from = SingleEntityTests.Iso(fixture.Hour.Start.AddMinutes(10));
        var to = SingleEntityTests.Iso(fixture.Hour.Start.AddMinutes(13));

        var page = await fixture.Admin.GetAsync($"{Pm}?$filter=resultTime gt {from} and resultTime le {to}&$orderby=resultTime desc");

        Assert.Equal([22.0, 21, 20], Results(page));
    }

    [Fact]
    public async Task Filter_follows_navigation_properties()
    {
        var pm = await fixture.Admin.IdsAsync("Datastreams?$filter=ObservedProperty/name eq 'PM2.5' and Thing/properties/kind eq 'device'");
        var observations = await fixture.Admin.GetAsync("Observations?$filter=Datastream/id eq 'device:sta-b:pm2_5'&$count=true");

        Assert.Equal(["device:sta-a:pm2_5", "device:sta-a:pm2_5:hour", "device:sta-b:pm2_5", "device:sta-b:pm2_5:hour"], pm);
        Assert.Equal(StaFixture.ReportsB, observations.GetProperty("@iot.count").GetInt32());
    }

    [Fact]
    public async Task Expand_writes_related_entities_inline()
    {
        var observation = await fixture.Admin.GetAsync($"Observations('{StaFixture.PmA}:1')?$expand=Datastream($expand=ObservedProperty),FeatureOfInterest");
        var thing = await fixture.Admin.GetAsync("Things('device:sta-a')?$expand=Datastreams/ObservedProperty");

        Assert.Equal("pm2_5", observation.GetProperty("Datastream").GetProperty("ObservedProperty").GetProperty("@iot.id").GetString());
        Assert.Equal("device:sta-a", observation.GetProperty("FeatureOfInterest").GetProperty("@iot.id").GetString());
        Assert.Equal(6, thing.GetProperty("Datastreams").GetArrayLength());
        Assert.All(thing.GetProperty("Datastreams").EnumerateArray(), d => Assert.True(d.GetProperty("ObservedProperty").TryGetProperty("definition", out _)));
    }

    [Fact]
    public async Task Options_inside_expand_apply_to_the_expanded_collection()
    {
        var datastream = await fixture.Admin.GetAsync(
            $"Datastreams('{StaFixture.PmA}')?$select=id&$expand=Observations($filter=result lt 15;$orderby=result desc;$top=3;$count=true;$select=result)");

        Assert.Equal(5, datastream.GetProperty("Observations@iot.count").GetInt32());
        Assert.Equal([14.0, 13, 12], datastream.GetProperty("Observations").EnumerateArray().Select(o => o.GetProperty("result").GetDouble()));
        Assert.All(datastream.GetProperty("Observations").EnumerateArray(), o => Assert.Single(o.EnumerateObject()));
    }

    [Fact]
    public async Task All_options_combine()
    {
        var page = await fixture.Admin.GetAsync($"{Pm}?$filter=result ge 20 and result lt 30&$orderby=result desc&$skip=2&$top=3&$count=true&$select=result" +
            "&$expand=Datastream($select=name)");

        Assert.Equal(10, page.GetProperty("@iot.count").GetInt32());
        Assert.Equal([27.0, 26, 25], Results(page));
        Assert.All(page.GetProperty("value").EnumerateArray(), o => Assert.StartsWith("PM2.5 of sta-a", o.GetProperty("Datastream").GetProperty("name").GetString()));
        Assert.Contains("$skip=5", page.GetProperty("@iot.nextLink").GetString());
    }
}
