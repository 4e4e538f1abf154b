using System.Text.Json;

namespace CityBrain.SensorThings.Tests.Conformance;

/// <summary>Server-driven paging (§9.3.3.4): pages of the default or the requested size, never above the maximum
/// (the fixture sets 20 and 50), linked by @iot.nextLink to the end, and adding up to @iot.count.</summary>
[Collection(StaCollection.Name)]
public sealed class PagingTests(StaFixture fixture)
{
    private async Task<List<JsonElement>> WalkAsync(string first, Action<JsonElement>? eachPage = null)
    {
        var all = new List<JsonElement>();
        string? next = first;
        do
        {
            var page = await fixture.Admin.GetAsync(next);
            eachPage?.Invoke(page);
            all.AddRange(page.GetProperty("value").EnumerateArray());
            next = page.TryGetProperty("@iot.nextLink", out var link) ? link.GetString() : null;
        }
        while (next is not null);
        return all;
    }

    [Fact]
    public async Task Without_top_pages_hold_the_default_and_the_next_links_reach_every_entity_once()
    {
        var pages = new List<int>();

        var all = await WalkAsync($"Datastreams('{StaFixture.PmA}')/Observations?$count=true", page =>
        {
            pages.Add(page.GetProperty("value").GetArrayLength());
            Assert.Equal(StaFixture.ReportsA, page.GetProperty("@iot.count").GetInt32());
        });

        Assert.Equal([20, 20, 10], pages);
        var ids = all.Select(o => o.GetProperty("@iot.id").GetString()).ToList();
        Assert.Equal(Enumerable.Range(1, StaFixture.ReportsA).Select(i => $"{StaFixture.PmA}:{i}"), ids);
    }

    [Fact]
    public async Task A_filtered_and_ordered_walk_keeps_its_options_on_every_page()
    {
        var all = await WalkAsync($"Datastreams('{StaFixture.PmA}')/Observations?$top=7&$filter=result ge 15&$orderby=result desc");

        Assert.Equal(Enumerable.Range(15, 45).Reverse().Select(v => (double)v), all.Select(o => o.GetProperty("result").GetDouble()));
    }

    [Fact]
    public async Task A_top_above_the_maximum_is_cut_to_it_and_paging_goes_on()
    {
        var first = await fixture.Admin.GetAsync("Datastreams?$top=1000&$count=true");
        var all = await WalkAsync("Datastreams?$top=1000");

        Assert.Equal(50, first.GetProperty("value").GetArrayLength());
        Assert.Contains("$top=50", first.GetProperty("@iot.nextLink").GetString());
        Assert.Equal(first.GetProperty("@iot.count").GetInt32(), all.Count);
        Assert.Equal(all.Count, all.Select(d => d.GetProperty("@iot.id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Top_zero_answers_the_count_alone_with_no_page_to_follow()
    {
        var page = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/Observations?$top=0&$count=true");

        Assert.Equal((StaFixture.ReportsA, 0), (page.GetProperty("@iot.count").GetInt32(), page.GetProperty("value").GetArrayLength()));
        Assert.False(page.TryGetProperty("@iot.nextLink", out _));
    }

    [Fact]
    public async Task A_skip_near_the_largest_number_answers_an_empty_page()
    {
        var page = await fixture.Admin.GetAsync($"Datastreams('{StaFixture.PmA}')/Observations?$skip={int.MaxValue}");

        Assert.Equal(0, page.GetProperty("value").GetArrayLength());
        Assert.False(page.TryGetProperty("@iot.nextLink", out _));
    }

    [Fact]
    public async Task A_collection_is_streamed_not_sent_with_a_precomputed_length()
    {
        using var response = await fixture.Admin.Http.GetAsync($"{StaClient.Root}/Observations?$top=50", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Content.Headers.ContentLength);
        Assert.True(response.Headers.TransferEncodingChunked);
    }

    [Fact]
    public async Task The_whole_Observations_set_pages_to_its_count()
    {
        var count = (await fixture.Admin.GetAsync("Observations?$count=true&$top=1")).GetProperty("@iot.count").GetInt32();

        var all = await WalkAsync("Observations?$top=50&$select=id");

        Assert.True(count >= 3 * StaFixture.ReportsA + StaFixture.ReportsB, $"{count} observations");
        Assert.Equal(count, all.Count);
        Assert.Equal(count, all.Select(o => o.GetProperty("@iot.id").GetString()).Distinct().Count());
    }
}
