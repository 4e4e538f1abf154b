using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace CityBrain.Bench.Abuse;

/// <summary>What the attacks share: sockets from a chosen source address, a hand-made MQTT 3.1.1 CONNECT, and a tally
/// of how the host answered.</summary>
internal static class Attack
{
    public static async Task<TcpClient> OpenAsync(IPAddress source, int port)
    {
        var client = new TcpClient(new IPEndPoint(source, 0)) { NoDelay = true };
        await client.ConnectAsync(IPAddress.Loopback, port);
        return client;
    }

    /// <summary>A CONNECT with clean session, 60 s keep-alive and the given user name and password.</summary>
    public static byte[] Connect(string clientId, string userName, string password)
    {
        var body = new List<byte> { 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0xC2, 0, 60 };
        foreach (var text in new[] { clientId, userName, password })
        {
            var bytes = Encoding.UTF8.GetBytes(text);
            body.AddRange([(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes]);
        }
        return [0x10, .. RemainingLength(body.Count), .. body];
    }

    /// <summary>The first bytes the host sends back (a CONNACK is 4), or what ended the wait.</summary>
    public static async Task<string> AnswerAsync(TcpClient client, TimeSpan timeout)
    {
        var buffer = new byte[4];
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var read = 0;
            while (read < buffer.Length)
            {
                var n = await client.GetStream().ReadAsync(buffer.AsMemory(read), cancel.Token);
                if (n == 0) return read == 0 ? "closed" : "cut";
                read += n;
            }
            return buffer[0] == 0x20 ? $"CONNACK {buffer[3]}" : $"packet 0x{buffer[0]:x2}";
        }
        catch (OperationCanceledException)
        {
            return "no answer";
        }
        catch (IOException)
        {
            return "reset";
        }
    }

    public static string Describe(ConcurrentDictionary<string, int> tally) =>
        string.Join(", ", tally.OrderByDescending(t => t.Value).Select(t => $"{t.Value} {t.Key}"));

    private static byte[] RemainingLength(int length)
    {
        var bytes = new List<byte>();
        do
        {
            var digit = (byte)(length % 128);
            length /= 128;
            bytes.Add(length > 0 ? (byte)(digit | 0x80) : digit);
        }
        while (length > 0);
        return [.. bytes];
    }
}
