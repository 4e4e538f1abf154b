using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace CityBrain.Bench.Abuse;

/// <summary>Connections opened as fast as possible and held without a byte sent, until the host closes them.</summary>
internal static class ConnectionStorm
{
    public static async Task<string> RunAsync(AbuseOptions options, int port)
    {
        var tally = new ConcurrentDictionary<string, int>();
        var sources = options.SourceAddresses;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Connections),
            new ParallelOptions { MaxDegreeOfParallelism = options.ConnectionConcurrency }, async (i, _) =>
            {
                string outcome;
                try
                {
                    using var client = await Attack.OpenAsync(sources[i % sources.Count], port);
                    var held = Stopwatch.StartNew();
                    var answer = await Attack.AnswerAsync(client, TimeSpan.FromSeconds(30));
                    outcome = held.Elapsed < TimeSpan.FromSeconds(1) ? $"{answer} at once" : $"{answer} after the CONNECT timeout";
                }
                catch (SocketException ex)
                {
                    outcome = $"connect failed ({ex.SocketErrorCode})";
                }
                tally.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            });
        return $"{options.Connections} idle connections, {options.ConnectionConcurrency} at a time, in {watch.Elapsed.TotalSeconds:F1} s: {Attack.Describe(tally)}";
    }
}
