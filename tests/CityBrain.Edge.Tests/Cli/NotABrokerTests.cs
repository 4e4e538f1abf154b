using System.Net;
using System.Net.Sockets;
using System.Text;
using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;

namespace CityBrain.Edge.Tests.Cli;

/// <summary>Provisioning against a port where something other than an MQTT broker listens: real sockets, one that
/// accepts and stays silent, one that answers as a web server does.</summary>
public sealed class NotABrokerTests : IDisposable
{
    /// <summary>Far above the link's 10 s timeout: a provision that does not give up by itself fails the test here.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDirectory _dir = new();
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> _accepted = [];

    public NotABrokerTests() => _listener.Start();

    private int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    private Task<Support.Cli.Outcome> ProvisionAsync() => Support.Cli.RunAsync(
        ["provision", "--config", _dir.File("gateway.json"), "--device", "gw-0042", "--district", "chaoyang",
         "--broker", $"127.0.0.1:{Port}", "--password", "issued-by-the-cluster", "--data-dir", _dir.File("data")]).WaitAsync(Patience);

    [Fact]
    public async Task A_port_that_accepts_and_stays_silent_is_given_up_on_after_the_link_timeout()
    {
        _ = AcceptAsync(_ => Task.CompletedTask);

        var run = await ProvisionAsync();

        Assert.Equal(ExitCodes.BrokerUnreachable, run.ExitCode);
        Assert.Equal(
            $"citybrain-edge provision: 127.0.0.1:{Port} accepts connections but does not answer as an MQTT broker (no reply within 10 s): " +
            "check that this is the cluster's broker and give the broker's MQTT port (1883, or 8883 with TLS); nothing was written (--offline writes without this check).",
            Assert.Single(run.Sentences));
        Assert.NotEmpty(_accepted);
        Assert.False(File.Exists(_dir.File("gateway.json")));
    }

    [Fact]
    public async Task A_web_server_is_named_as_one()
    {
        _ = AcceptAsync(async client =>
        {
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[1024], 1, throwOnEndOfStream: false);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            client.Close();
        });

        var run = await ProvisionAsync();

        Assert.Equal(ExitCodes.BrokerUnreachable, run.ExitCode);
        Assert.Equal(
            $"citybrain-edge provision: 127.0.0.1:{Port} answers as an HTTP server, not as an MQTT broker (it is probably the cluster's web port): " +
            "give the broker's MQTT port (1883, or 8883 with TLS); nothing was written (--offline writes without this check).",
            Assert.Single(run.Sentences));
    }

    /// <summary>Serves every connection until the test ends.</summary>
    private async Task AcceptAsync(Func<TcpClient, Task> serve)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync();
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
            lock (_accepted) _accepted.Add(client);
            _ = serve(client);
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        lock (_accepted) _accepted.ForEach(c => c.Dispose());
        _dir.Dispose();
    }
}
