using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CityBrain.Host.Cockpit;

namespace CityBrain.Testing;

/// <summary><c>GET /api/stream</c> read as the cockpit page reads it: the whole region first, then each patch applied to
/// what is held, refused when it names another version. Counts the bytes of the events.</summary>
public sealed class RegionStreamClient : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly Stream _body;
    private readonly IAsyncEnumerator<SseItem<string>> _events;
    private JsonObject? _held;
    private string? _version;

    private RegionStreamClient(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _body = body;
        _events = SseParser.Create(_body).EnumerateAsync().GetAsyncEnumerator();
    }

    /// <summary>Bytes of the events read so far as the host writes them (their event, id and data lines), heartbeats
    /// included.</summary>
    public long Bytes { get; private set; }

    public int Patches { get; private set; }

    /// <summary>The type of the last event <see cref="NextAsync"/> returned for: <c>region</c> or <c>patch</c>.</summary>
    public string? LastType { get; private set; }

    public static async Task<RegionStreamClient> OpenAsync(HttpClient http, string? region = null)
    {
        var response = await http.GetAsync(region is null ? "/api/stream" : $"/api/stream?region={Uri.EscapeDataString(region)}", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new RegionStreamClient(response, await response.Content.ReadAsStreamAsync());
    }

    /// <summary>The region as held after the next <c>region</c> or <c>patch</c> event.</summary>
    public async Task<JsonElement> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        while (await _events.MoveNextAsync().AsTask().WaitAsync(cancel.Token))
        {
            var item = _events.Current;
            Bytes += Encoding.UTF8.GetByteCount($"event: {item.EventType}\n{(item.EventId is null ? "" : $"id: {item.EventId}\n")}data: {item.Data}\n\n");
            if (item.EventType == CockpitEvent.Region)
            {
                _held = StreamPatch.Keyed(JsonNode.Parse(item.Data))!.AsObject();
            }
            else if (item.EventType == CockpitEvent.Patch)
            {
                var patch = JsonNode.Parse(item.Data)!.AsObject();
                var applies = patch["base"]!.GetValue<long>().ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (_held is null || applies != _version) throw new InvalidOperationException($"a patch for version {applies} came while version {_version} was held");
                StreamPatch.Apply(_held, patch["changes"]!.AsObject());
                Patches++;
            }
            else continue;
            _version = item.EventId;
            LastType = item.EventType;
            return JsonSerializer.SerializeToElement(StreamPatch.Unkeyed(_held));
        }
        throw new InvalidOperationException("the stream ended before a region or patch event");
    }

    public async ValueTask DisposeAsync()
    {
        await _events.DisposeAsync();
        await _body.DisposeAsync();
        _response.Dispose();
    }
}
