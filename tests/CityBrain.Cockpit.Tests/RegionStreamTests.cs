using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;

namespace CityBrain.Cockpit.Tests;

/// <summary>GET /api/stream read as the page reads it, without a browser.</summary>
public class RegionStreamTests
{
    [Fact]
    public async Task The_stream_sends_the_root_on_connect_then_patches_that_rebuild_it_and_refuses_an_unknown_region()
    {
        await using var host = await RunningHost.StartAsync();
        await using var stream = await RegionStreamClient.OpenAsync(host.Http);

        var first = await stream.NextAsync();
        Assert.Equal("region", stream.LastType);
        Assert.Equal("demo-city", first.GetProperty("id").GetString());
        Assert.Equal(12, first.GetProperty("children").GetArrayLength());
        Assert.Equal("Asia/Shanghai", first.GetProperty("timeZone").GetString());
        var wholeRegion = stream.Bytes;

        await using var device = await host.ConnectDeviceAsync("tongzhou", "stream-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm10, 123));

        JsonElement root;
        do root = await stream.NextAsync();
        while (!Child(root, "tongzhou").GetProperty("latest").TryGetProperty("pm10", out _));
        Assert.Equal("patch", stream.LastType);
        var pm10 = Child(root, "tongzhou").GetProperty("latest").GetProperty("pm10");
        Assert.Equal(123, pm10.GetProperty("value").GetDouble());
        Assert.Equal("ug/m3", pm10.GetProperty("unit").GetString());
        // What changed came as patches, each far smaller than the whole region.
        Assert.True(stream.Patches > 0);
        Assert.True(stream.Bytes - wholeRegion < wholeRegion / 2 * stream.Patches, $"{stream.Patches} patches took {stream.Bytes - wholeRegion} bytes; the whole region {wholeRegion}");

        // The region rebuilt from patches is the region the API answers: the API is read after the stream's last
        // update, so when they differ the stream has a change still to send, and the next patch brings it.
        var streamed = root;
        for (var round = 0; ; round++)
        {
            var answered = await host.Http.GetStringAsync("/api/regions/demo-city");
            if (JsonNode.DeepEquals(WithoutNulls(JsonNode.Parse(answered)), WithoutNulls(JsonNode.Parse(streamed.GetRawText())))) break;
            Assert.True(round < 20, $"after {round} patches the streamed region still differs from the API's\nstreamed: {streamed.GetRawText()}\nanswered: {answered}");
            streamed = await stream.NextAsync();
        }

        // A district's own stream carries the district, and a place that is not in the tree is refused before any stream.
        await using (var district = await RegionStreamClient.OpenAsync(host.Http, "tongzhou"))
        {
            Assert.Equal("tongzhou", (await district.NextAsync()).GetProperty("id").GetString());
        }
        using var unknown = await host.Http.GetAsync("/api/stream?region=atlantis", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("atlantis", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Stopping_the_host_ends_an_open_stream_instead_of_waiting_for_the_client()
    {
        var host = await RunningHost.StartAsync();
        using var client = host.NewClient(timeout: Timeout.InfiniteTimeSpan);
        using var response = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());

        await host.DisposeAsync();

        // The stream must end (not hang until the shutdown timeout); the end may surface as a closed connection.
        var ended = Drain(events);
        Assert.Same(ended, await Task.WhenAny(ended, Task.Delay(TimeSpan.FromSeconds(25))));
    }

    private static async Task Drain(IAsyncEnumerator<SseItem<string>> events)
    {
        try
        {
            while (await events.MoveNextAsync()) { }
        }
        catch (IOException)
        {
        }
        catch (HttpRequestException)
        {
        }
    }

    /// <summary>A patch removes a member that became null (JSON merge patch), so the two are compared without nulls.</summary>
    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, WithoutNulls(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(WithoutNulls)]),
        _ => node?.DeepClone(),
    };

    private static JsonElement Child(JsonElement region, string id) =>
        region.GetProperty("children").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id);
}
