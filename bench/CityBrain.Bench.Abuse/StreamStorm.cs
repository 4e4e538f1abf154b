using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CityBrain.Bench.Abuse;

/// <summary>Hundreds of live-stream requests (<c>/api/stream</c>, server-sent events) at once from every source address,
/// each held open for a while if the host accepts it.</summary>
internal static class StreamStorm
{
    public static async Task<string> RunAsync(AbuseOptions options, Uri http)
    {
        var tally = new ConcurrentDictionary<string, int>();
        var sources = options.SourceAddresses;
        var next = 0;
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = int.MaxValue,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                socket.Bind(new IPEndPoint(sources[Interlocked.Increment(ref next) % sources.Count], 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = http, Timeout = Timeout.InfiniteTimeSpan };
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, options.Streams).Select(async _ =>
        {
            using var hold = new CancellationTokenSource(options.StreamHold);
            var outcome = "no answer within the hold";
            try
            {
                using var response = await client.GetAsync("/api/stream", HttpCompletionOption.ResponseHeadersRead, hold.Token);
                outcome = $"HTTP {(int)response.StatusCode}";
                if (response.IsSuccessStatusCode)
                {
                    outcome = "HTTP 200 held until the client let go";
                    await using var body = await response.Content.ReadAsStreamAsync(hold.Token);
                    var buffer = new byte[4096];
                    while (await body.ReadAsync(buffer, hold.Token) > 0) { }
                    outcome = "HTTP 200 ended by the host";
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (HttpRequestException ex)
            {
                outcome = $"failed ({ex.HttpRequestError})";
            }
            tally.AddOrUpdate(outcome, 1, (_, n) => n + 1);
        }));
        return $"{options.Streams} live streams at once from {sources.Count} addresses, held up to {options.StreamHold.TotalSeconds:F0} s, in {watch.Elapsed.TotalSeconds:F1} s: {Attack.Describe(tally)}";
    }
}
