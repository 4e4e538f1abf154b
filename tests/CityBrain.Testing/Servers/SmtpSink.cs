using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace CityBrain.Testing.Servers;

/// <summary>A mail server for tests: plain SMTP on a free loopback port that accepts every message (and any AUTH PLAIN
/// login) and keeps it, as the client sent it, for the test to read. It offers no 8BITMIME, so clients send 7-bit MIME
/// and the raw message is ASCII.</summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Channel<ReceivedMail> _received = Channel.CreateUnbounded<ReceivedMail>();
    private readonly Task _accepting;

    private SmtpSink()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public static SmtpSink Start() => new();

    /// <summary>The next message received, waiting up to <paramref name="timeout"/> (30 s by default).</summary>
    public async Task<ReceivedMail> NextAsync(TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        return await _received.Reader.ReadAsync(deadline.Token);
    }

    private async Task AcceptAsync()
    {
        var sessions = new List<Task>();
        try
        {
            while (true) sessions.Add(ServeAsync(await _listener.AcceptTcpClientAsync(_stop.Token)));
        }
        catch (OperationCanceledException)
        {
            await Task.WhenAll(sessions);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            await using var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.Latin1);
            await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await new SmtpSession(reader, writer, _received.Writer).RunAsync(_stop.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // The client hung up or the sink is stopping.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    /// <summary>One connection's conversation (RFC 5321's minimal set, with AUTH PLAIN of RFC 4954).</summary>
    private sealed class SmtpSession(StreamReader reader, StreamWriter writer, ChannelWriter<ReceivedMail> received)
    {
        private string? _from;
        private string? _user;
        private readonly List<string> _to = [];

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await writer.WriteLineAsync("220 citybrain-test-sink ESMTP");
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteAsync("250-citybrain-test-sink\r\n250 AUTH PLAIN\r\n");
                        break;
                    case "AUTH":
                        await AuthenticateAsync(argument, cancellationToken);
                        break;
                    case "MAIL":
                        _from = Address(argument);
                        _to.Clear();
                        await writer.WriteLineAsync("250 2.1.0 ok");
                        break;
                    case "RCPT":
                        _to.Add(Address(argument));
                        await writer.WriteLineAsync("250 2.1.5 ok");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 end with <CRLF>.<CRLF>");
                        var data = await ReadDataAsync(cancellationToken);
                        await received.WriteAsync(new ReceivedMail(_from ?? "", [.. _to], _user, data), cancellationToken);
                        await writer.WriteLineAsync("250 2.0.0 queued");
                        break;
                    case "HELO" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 not implemented");
                        break;
                }
            }
        }

        private async Task AuthenticateAsync(string argument, CancellationToken cancellationToken)
        {
            var parts = argument.Split(' ', 2);
            var response = parts.Length == 2 ? parts[1] : null;
            if (response is null)
            {
                await writer.WriteLineAsync("334 ");
                response = await reader.ReadLineAsync(cancellationToken) ?? "";
            }
            // PLAIN is authzid NUL authcid NUL password.
            _user = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0')[1];
            await writer.WriteLineAsync("235 2.7.0 authenticated");
        }

        private async Task<byte[]> ReadDataAsync(CancellationToken cancellationToken)
        {
            var message = new StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
            {
                // A line the client began with a dot had another dot put before it (RFC 5321 §4.5.2).
                message.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
            }
            return Encoding.Latin1.GetBytes(message.ToString());
        }

        private static string Address(string argument) => argument[(argument.IndexOf('<') + 1)..argument.IndexOf('>')];
    }
}

/// <summary>A message as the sink received it: the envelope and the raw RFC 5322 message.</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string? User, byte[] Raw);
