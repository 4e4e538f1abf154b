using System.Globalization;
using System.Net;

namespace CityBrain.Bench.Abuse;

/// <summary>The bench's knobs (<c>--name value</c>); the defaults are the attacks issue 14 describes.</summary>
internal sealed record AbuseOptions(
    int WrongPasswords, int WrongPasswordConcurrency, int Connections, int ConnectionConcurrency, int OversizedConnections,
    TimeSpan OversizedDuration, int Streams, TimeSpan StreamHold, TimeSpan Baseline, TimeSpan Settle, int Sources, TimeSpan PublishEvery)
{
    public const string Usage = """
        usage: CityBrain.Bench.Abuse [--wrong-passwords 5000] [--wrong-password-concurrency 64] [--connections 5000]
                                     [--connection-concurrency 400] [--oversized 16] [--oversized-s 20] [--streams 400]
                                     [--stream-hold-s 10] [--baseline-s 20] [--settle-s 15] [--sources 8] [--publish-every-ms 20]
        """;

    /// <summary>Attackers use these loopback source addresses (127.0.0.2 …), as a botnet would use many; the
    /// legitimate gateway is 127.0.0.1.</summary>
    public IReadOnlyList<IPAddress> SourceAddresses => [.. Enumerable.Range(2, Sources).Select(i => IPAddress.Parse($"127.0.0.{i}"))];

    public static AbuseOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length) throw new ArgumentException($"expected --name value, found '{args[i]}'");
            values[args[i][2..]] = args[i + 1];
        }
        int Int(string name, int fallback) => values.Remove(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var options = new AbuseOptions(
            Int("wrong-passwords", 5000), Int("wrong-password-concurrency", 64), Int("connections", 5000), Int("connection-concurrency", 400),
            Int("oversized", 16), TimeSpan.FromSeconds(Int("oversized-s", 20)), Int("streams", 400), TimeSpan.FromSeconds(Int("stream-hold-s", 10)),
            TimeSpan.FromSeconds(Int("baseline-s", 20)), TimeSpan.FromSeconds(Int("settle-s", 15)), Int("sources", 8),
            TimeSpan.FromMilliseconds(Int("publish-every-ms", 20)));
        if (values.Count > 0) throw new ArgumentException($"unknown option --{values.Keys.First()}");
        return options;
    }
}
