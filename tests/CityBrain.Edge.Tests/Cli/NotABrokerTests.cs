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

    private Task<Support.Cli.Outcome> ProvisionAsync(int port) => Support.Cli.RunAsync(
        ["provision", "--config", _dir.File("gateway.json"), "--device", "gw-0042", "--district", "chaoyang",
         "--broker", $"127.0.0.1:{port}", "--password", "issued-by-the-cluster", "--data-dir", _dir.File("data")]).WaitAsync(Patience);

    [Fact]
    public async Task A_port_that_accepts_and_stays_silent_is_given_up_on_after_the_link_timeout()
    {
        using var silent = RawListener.Silent();

        var run = await ProvisionAsync(silent.Port);

        Assert.Equal(ExitCodes.BrokerUnreachable, run.ExitCode);
        Assert.Equal(
            $"citybrain-edge provision: 127.0.0.1:{silent.Port} accepts connections but does not answer as an MQTT broker (no reply within 10 s): " +
            "check that this is the cluster's broker and give the broker's MQTT port (1883, or 8883 with TLS); nothing was written (--offline writes without this check).",
            Assert.Single(run.Sentences));
        Assert.True(silent.Accepted > 0);
        Assert.False(File.Exists(_dir.File("gateway.json")));
    }

    [Fact]
    public async Task A_web_server_is_named_as_one()
    {
        using var web = new RawListener(async client =>
        {
            var stream = client.GetStream();
            await stream.ReadAtLeastAsync(new byte[1024], 1, throwOnEndOfStream: false);
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
            client.Close();
        });

        var run = await ProvisionAsync(web.Port);

        Assert.Equal(ExitCodes.BrokerUnreachable, run.ExitCode);
        Assert.Equal(
            $"citybrain-edge provision: 127.0.0.1:{web.Port} answers as an HTTP server, not as an MQTT broker (it is probably the cluster's web port): " +
            "give the broker's MQTT port (1883, or 8883 with TLS); nothing was written (--offline writes without this check).",
            Assert.Single(run.Sentences));
    }

    public void Dispose() => _dir.Dispose();
}
