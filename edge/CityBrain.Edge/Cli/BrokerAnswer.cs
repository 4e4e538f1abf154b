using System.Globalization;
using System.Net.Sockets;
using System.Text;
using CityBrain.Edge.Link;

namespace CityBrain.Edge.Cli;

/// <summary>What listens on a broker's port when the MQTT connect failed in a way the socket does not explain: sends a
/// bare MQTT 5 CONNECT and reads the first bytes of the answer, so a technician learns that the port is a web server's
/// or silent instead of reading MQTTnet's internal error.</summary>
internal static class BrokerAnswer
{
    /// <summary>CONNECT, protocol MQTT level 5, clean start, keep-alive 10 s, no properties, empty client id: every
    /// MQTT 5 broker answers it with a CONNACK (accepting or refusing), which starts with 0x20.</summary>
    private static readonly byte[] Connect = [0x10, 0x0D, 0x00, 0x04, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 0x05, 0x02, 0x00, 0x0A, 0x00, 0x00, 0x00];

    private const string PortHint = "give the broker's MQTT port (1883, or 8883 with TLS)";

    /// <summary>The sentence for a port that took the connection but gave no CONNACK in time.</summary>
    public static string Silent(BrokerAddress where, TimeSpan timeout) => string.Create(CultureInfo.InvariantCulture,
        $"{where} accepts connections but does not answer as an MQTT broker (no reply within {timeout.TotalSeconds:0.#} s): check that this is the cluster's broker and {PortHint}");

    /// <summary>A sentence naming what answers at <paramref name="where"/>, or null when it answers as an MQTT broker
    /// (or not at all within <paramref name="timeout"/>), so the caller's own explanation stands.</summary>
    public static async Task<string?> DescribeAsync(BrokerAddress where, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(timeout);
        using var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        var answer = new byte[8];
        var (length, accepted, closed) = (0, false, false);
        try
        {
            await socket.ConnectAsync(where.Host, where.Port, bounded.Token);
            accepted = true;
            await socket.SendAsync(Connect, SocketFlags.None, bounded.Token);
            // Five bytes tell "HTTP/" apart; a CONNACK is known by its first.
            while (length < 5 && !closed && (length == 0 || answer[0] != 0x20))
            {
                var read = await socket.ReceiveAsync(answer.AsMemory(length), SocketFlags.None, bounded.Token);
                closed = read == 0;
                length += read;
            }
        }
        catch (SocketException)
        {
            closed = true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // What it sent so far is all there is to judge by.
        }
        if (!accepted) return null;
        if (length == 0)
        {
            return closed
                ? $"{where} accepts connections but closes them without answering as an MQTT broker: check that this is the cluster's broker and {PortHint}"
                : Silent(where, timeout);
        }
        if (answer[0] == 0x20) return null;
        var text = Encoding.ASCII.GetString(answer, 0, length);
        return text.StartsWith("HTTP/", StringComparison.Ordinal)
            ? $"{where} answers as an HTTP server, not as an MQTT broker (it is probably the cluster's web port): {PortHint}"
            : $"{where} answers, but not as an MQTT broker (its first bytes are {Convert.ToHexString(answer, 0, length)}): check that this is the cluster's broker and {PortHint}";
    }
}
