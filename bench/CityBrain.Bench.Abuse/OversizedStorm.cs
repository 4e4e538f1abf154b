using System.Diagnostics;
using System.Net.Sockets;

namespace CityBrain.Bench.Abuse;

/// <summary>Unauthenticated CONNECT packets announcing 64 MB, their bodies streamed after the header as fast as the
/// host takes them, many at once, round after round for a while.</summary>
internal static class OversizedStorm
{
    private const int Announced = 64 << 20;

    public static async Task<string> RunAsync(AbuseOptions options, int port)
    {
        var sent = 0L;
        var cut = 0;
        var sources = options.SourceAddresses;
        var watch = Stopwatch.StartNew();
        var chunk = new byte[64 * 1024];
        Random.Shared.NextBytes(chunk);
        var total = 0;
        while (watch.Elapsed < options.OversizedDuration)
        {
            total += options.OversizedConnections;
            await Task.WhenAll(Enumerable.Range(0, options.OversizedConnections).Select(async i =>
            {
                try
                {
                    using var client = await Attack.OpenAsync(sources[i % sources.Count], port);
                    var stream = client.GetStream();
                    // The fixed header of a CONNECT whose remaining length is 64 MB (MQTT's variable-length encoding).
                    await stream.WriteAsync(new byte[] { 0x10, 0x80, 0x80, 0x80, 0x20 });
                    for (var written = 0; written < Announced; written += chunk.Length)
                    {
                        await stream.WriteAsync(chunk);
                        Interlocked.Add(ref sent, chunk.Length);
                    }
                }
                catch (Exception ex) when (ex is IOException or SocketException)
                {
                    Interlocked.Increment(ref cut);
                }
            }));
        }
        return $"{total} CONNECTs announcing 64 MB ({options.OversizedConnections} at once) in {watch.Elapsed.TotalSeconds:F1} s: " +
            $"{cut} cut off by the host, {Interlocked.Read(ref sent) / (1 << 20)} MB of body written into socket buffers before that";
    }
}
