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

            using var over = await OpenAsync(IPAddress.Loopback);
            await SendConnectAsync(over);
            Assert.Equal(0, await ReadFirstByteAsync(over));
            Assert.Equal(refusedBefore + 1, Refused);

            using var elsewhere = await OpenAsync(IPAddress.Parse("127.0.0.2"));
            await SendConnectAsync(elsewhere);
            Assert.Equal(0x20, await ReadFirstByteAsync(elsewhere));
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
        using var silent = await OpenAsync(IPAddress.Parse("127.0.0.3"));

        Assert.Equal(0, await ReadFirstByteAsync(silent));
        Assert.Equal(refusedBefore, Refused);
    }

    private async Task<TcpClient> OpenAsync(IPAddress source)
    {
        var client = new TcpClient(new IPEndPoint(source, 0));
        await client.ConnectAsync(IPAddress.Loopback, _host.MqttPort);
        return client;
    }

    /// <summary>A minimal MQTT 3.1.1 CONNECT without credentials: a served connection answers it with a CONNACK (0x20).</summary>
    private static async Task SendConnectAsync(TcpClient client)
    {
        byte[] packet = [0x10, 17, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 60, 0, 5, (byte)'p', (byte)'r', (byte)'o', (byte)'b', (byte)'e'];
        try
        {
            await client.GetStream().WriteAsync(packet);
        }
        catch (IOException)
        {
            // Already closed by the broker: the read that follows says so.
        }
    }

    /// <summary>The first byte the broker sends, or 0 when it closes the connection first; bounded generously.</summary>
    private static async Task<int> ReadFirstByteAsync(TcpClient client)
    {
        var buffer = new byte[1];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            return await client.GetStream().ReadAsync(buffer, timeout.Token) == 1 ? buffer[0] : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }
}
