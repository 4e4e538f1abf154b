using System.Net.ServerSentEvents;
using System.Text.Json;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;

namespace CityBrain.Cockpit.Tests;

/// <summary>GET /api/stream read as any SSE client would, without a browser.</summary>
public class RegionStreamTests
{
    [Fact]
    public async Task The_stream_sends_the_root_on_connect_and_again_after_a_reading_arrives_and_refuses_an_unknown_region()
    {
        await using var host = await RunningHost.StartAsync();
        using var response = await host.Http.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();

        var first = await NextRegionAsync(events);
        Assert.Equal("demo-city", first.GetProperty("id").GetString());
        Assert.Equal(12, first.GetProperty("children").GetArrayLength());
        Assert.Equal("Asia/Shanghai", first.GetProperty("timeZone").GetString());

        await using var device = await host.ConnectDeviceAsync("tongzhou", "stream-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm10, 123));

        JsonElement root;
        do root = await NextRegionAsync(events);
        while (!Child(root, "tongzhou").GetProperty("latest").TryGetProperty("pm10", out _));
        var pm10 = Child(root, "tongzhou").GetProperty("latest").GetProperty("pm10");
        Assert.Equal(123, pm10.GetProperty("value").GetDouble());
        Assert.Equal("ug/m3", pm10.GetProperty("unit").GetString());

        // A district's own stream carries the district, and a place that is not in the tree is refused before any stream.
        using var district = await host.Http.GetAsync("/api/stream?region=tongzhou", HttpCompletionOption.ResponseHeadersRead);
        await using var districtBody = await district.Content.ReadAsStreamAsync();
        await using var districtEvents = SseParser.Create(districtBody).EnumerateAsync().GetAsyncEnumerator();
        Assert.Equal("tongzhou", (await NextRegionAsync(districtEvents)).GetProperty("id").GetString());
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
        await NextRegionAsync(events);

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

    private static async Task<JsonElement> NextRegionAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await events.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            if (events.Current.EventType == "region") return JsonDocument.Parse(events.Current.Data).RootElement.Clone();
        }
        throw new InvalidOperationException("the stream ended before a region event");
    }

    private static JsonElement Child(JsonElement region, string id) =>
        region.GetProperty("children").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id);
}
