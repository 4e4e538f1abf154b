using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace CityBrain.Bench.Abuse;

/// <summary>Logins with wrong passwords, half for random device ids and half for provisioned ones (the legitimate
/// gateway's among them), each on a new connection, from every source address.</summary>
internal static class WrongPasswordStorm
{
    public static async Task<string> RunAsync(AbuseOptions options, int port, IReadOnlyList<string> realIds)
    {
        var tally = new ConcurrentDictionary<string, int>();
        var sources = options.SourceAddresses;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, options.WrongPasswords),
            new ParallelOptions { MaxDegreeOfParallelism = options.WrongPasswordConcurrency }, async (i, _) =>
            {
                var id = i % 2 == 0 ? $"gw-{Random.Shared.Next():x8}" : realIds[i / 2 % realIds.Count];
                string outcome;
                try
                {
                    using var client = await Attack.OpenAsync(sources[i % sources.Count], port);
                    await client.GetStream().WriteAsync(Attack.Connect(id, id, $"wrong-{i}"));
                    outcome = await Attack.AnswerAsync(client, TimeSpan.FromSeconds(30));
                }
                catch (SocketException ex)
                {
                    outcome = $"connect failed ({ex.SocketErrorCode})";
                }
                catch (IOException)
                {
                    outcome = "reset";
                }
                tally.AddOrUpdate(outcome, 1, (_, n) => n + 1);
            });
        return $"{options.WrongPasswords} attempts from {sources.Count} addresses in {watch.Elapsed.TotalSeconds:F1} s: {Attack.Describe(tally)}";
    }
}
