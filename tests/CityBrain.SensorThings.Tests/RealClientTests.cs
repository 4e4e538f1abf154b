using System.Net;
using System.Text.Json;

namespace CityBrain.SensorThings.Tests;

/// <summary>A client that knows nothing of CityBrain: it starts at the root document and follows every entity set,
/// every nextLink and every navigation link it is given, generically, and checks that each answers 200 with the shape
/// the standard promises.</summary>
[Collection(StaCollection.Name)]
public sealed class RealClientTests(StaFixture fixture)
{
    [Fact]
    public async Task Walking_the_service_from_its_root_reaches_every_set_and_every_link_answers()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.Host.AdminToken);
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var entities = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        var root = await ReadAsync(http, "/sta/v1.1");
        foreach (var set in root.GetProperty("value").EnumerateArray()) queue.Enqueue(set.GetProperty("url").GetString()!);

        while (queue.TryDequeue(out var url))
        {
            if (!visited.Add(url)) continue;
            var body = await ReadAsync(http, url);
            var members = body.TryGetProperty("value", out var value) ? value.EnumerateArray().ToList() : [body];
            if (body.TryGetProperty("@iot.nextLink", out var next)) queue.Enqueue(next.GetString()!);
            foreach (var entity in members)
            {
                Assert.True(entity.TryGetProperty("@iot.id", out _), $"an entity of {url} has no @iot.id");
                var self = entity.GetProperty("@iot.selfLink").GetString()!;
                // Observations are many: their own links are followed for a sample (those of the first page of each set).
                if (!entities.Add(self) || self.Contains("/Observations(", StringComparison.Ordinal) && entities.Count > 400) continue;
                foreach (var link in entity.EnumerateObject().Where(p => p.Name.EndsWith("@iot.navigationLink", StringComparison.Ordinal)))
                {
                    var target = link.Value.GetString()!;
                    // A Datastream's Observations are walked page by page through the set itself; one page each is enough here.
                    queue.Enqueue(target.EndsWith("/Observations", StringComparison.Ordinal) ? target + "?$top=5" : target);
                }
            }
        }

        Assert.Contains(entities, e => e.Contains("/Things('device:sta-a')", StringComparison.Ordinal));
        Assert.Contains(entities, e => e.Contains("/HistoricalLocations('district:haidian')", StringComparison.Ordinal));
        Assert.Contains(entities, e => e.Contains($"/Observations('{StaFixture.PmA}:{StaFixture.ReportsA}')", StringComparison.Ordinal));
        foreach (var set in new[] { "Things", "Locations", "HistoricalLocations", "Datastreams", "Sensors", "ObservedProperties", "Observations", "FeaturesOfInterest" })
        {
            Assert.Contains(entities, e => e.Contains($"/sta/v1.1/{set}(", StringComparison.Ordinal));
        }
    }

    private static async Task<JsonElement> ReadAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
