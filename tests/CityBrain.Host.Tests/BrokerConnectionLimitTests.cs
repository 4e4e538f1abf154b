using System.Net;
using System.Net.Sockets;
using CityBrain.Host.Hosting;
using CityBrain.Ingest.Metrics;
using CityBrain.Testing;
using MQTTnet;

namespace CityBrain.Host.Tests;

/// <summary>The broker's per-address connection limit and CONNECT timeout, with real sockets from distinct loopback
/// addresses (all of 127.0.0.0/8 reaches the host's 127.0.0.1).</summary>
public sealed class BrokerConnectionLimitTests : IAsyncLifetime
{
    private const int Limit = 3;
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(null,
        $"--Broker:MaxConnectionsPerAddress={Limit}", "--Broker:ConnectTimeout=00:00:02");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private long Refused => _host.Service<IngestMetrics>().Snapshot().Defence.ConnectionsRefused;

    [Fact]
    public async Task The_connection_over_an_address_limit_is_closed_while_another_address_still_connects()
    {
        var devices = new List<TestDevice>();
        try
        {
            // Connected devices are certainly counted as open, unlike sockets still being accepted.
            foreach (var i in Enumerable.Range(0, Limit))
            {
                var device = _host.Device("haidian", $"limit-{i}");
                devices.Add(device);
                Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync()).ResultCode);
            }
            var refusedBefore = Refused;

            Assert.Equal(0, await FirstByteAnsweredAsync(IPAddress.Loopback, sendConnect: true));
            Assert.Equal(refusedBefore + 1, Refused);

            Assert.Equal(0x20, await FirstByteAnsweredAsync(IPAddress.Parse("127.0.0.2"), sendConnect: true));
        }
        finally
        {
            foreach (var device in devices) await device.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_socket_that_never_sends_its_connect_is_closed_after_the_timeout()
    {
        var refusedBefore = Refused;

        Assert.Equal(0, await FirstByteAnsweredAsync(IPAddress.Parse("127.0.0.3"), sendConnect: false));
        Assert.Equal(refusedBefore, Refused);
    }

    /// <summary>Connects from <paramref name="source"/>, optionally sends a minimal MQTT 3.1.1 CONNECT without
    /// credentials, and returns the first byte the broker sends (a CONNACK is 0x20), or 0 when it closes or resets the
    /// connection first (a reset may even arrive while the connect completes, and then the socket has no stream to give:
    /// InvalidOperationException); bounded generously.</summary>
    private async Task<int> FirstByteAnsweredAsync(IPAddress source, bool sendConnect)
    {
        byte[] connect = [0x10, 17, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, 0, 5, (byte)'p', (byte)'r', (byte)'o', (byte)'b', (byte)'e'];
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            using var client = new TcpClient(new IPEndPoint(source, 0));
            await client.ConnectAsync(IPAddress.Loopback, _host.MqttPort, timeout.Token);
            if (sendConnect) await client.GetStream().WriteAsync(connect, timeout.Token);
            return await client.GetStream().ReadAsync(buffer, timeout.Token) == 1 ? buffer[0] : 0;
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidOperationException)
        {
            return 0;
        }
    }
}
