using System.Net.ServerSentEvents;
using System.Text.Json;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;

namespace CityBrain.Cockpit.Tests;

/// <summary>GET /api/stream read as any SSE client would, without a browser.</summary>
public class CityStreamTests
{
    [Fact]
    public async Task The_stream_sends_the_city_on_connect_and_again_after_a_reading_arrives()
    {
        await using var host = await RunningHost.StartAsync();
        using var response = await host.Http.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        await using var body = await response.Content.ReadAsStreamAsync();
        await using var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();

        var first = await NextCityAsync(events);
        Assert.Equal(12, first.GetProperty("districts").GetArrayLength());
        Assert.Equal("Asia/Shanghai", first.GetProperty("timeZone").GetString());

        await using var device = await host.ConnectDeviceAsync("tongzhou", "stream-1");
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm10, 123));

        JsonElement city;
        do city = await NextCityAsync(events);
        while (!District(city, "tongzhou").GetProperty("latest").TryGetProperty("pm10", out _));
        var pm10 = District(city, "tongzhou").GetProperty("latest").GetProperty("pm10");
        Assert.Equal(123, pm10.GetProperty("value").GetDouble());
        Assert.Equal("ug/m3", pm10.GetProperty("unit").GetString());
    }

    [Fact]
    public async Task Stopping_the_host_ends_an_open_stream_instead_of_waiting_for_the_client()
    {
        var host = await RunningHost.StartAsync();
        using var client = host.NewClient(timeout: Timeout.InfiniteTimeSpan);
        using var response = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
        await NextCityAsync(events);

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

    private static async Task<JsonElement> NextCityAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await events.MoveNextAsync().AsTask().WaitAsync(timeout.Token))
        {
            if (events.Current.EventType == "city") return JsonDocument.Parse(events.Current.Data).RootElement.Clone();
        }
        throw new InvalidOperationException("the stream ended before a city event");
    }

    private static JsonElement District(JsonElement city, string id) =>
        city.GetProperty("districts").EnumerateArray().Single(d => d.GetProperty("id").GetString() == id);
}
