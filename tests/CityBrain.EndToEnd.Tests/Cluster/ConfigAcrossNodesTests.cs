using System.Net;
using System.Text;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Vocabulary;
using CityBrain.EndToEnd.Tests.Crashes;
using CityBrain.Host.Hosting;
using CityBrain.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.EndToEnd.Tests.Cluster;

/// <summary>A gateway provisioned once is known to every node (its credential is in the shared store), and a
/// configuration put through one node reaches it on another node at once, and again when it moves back.</summary>
[Collection(CrashCollection.Name)]
public sealed class ConfigAcrossNodesTests
{
    [Fact]
    public async Task A_configuration_set_on_one_node_reaches_the_device_wherever_it_is_connected()
    {
        await using var cluster = await LocalCluster.StartAsync(2);
        try
        {
            var (a, b) = (cluster.Silos[0], cluster.Silos[1]);
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await CredentialsCommand.RunAsync(
                ["credentials", "add", "cfg-x", "--district", "pinggu", "--mode=Cluster", $"--postgres={cluster.Postgres.ConnectionString}"], output, error);
            Assert.True(exit == 0, error.ToString());
            var password = output.ToString().Split("password ")[1].Split(Environment.NewLine)[0];

            await using (var device = new TestDevice(a.MqttPort, "pinggu", "cfg-x", "not-the-fleet-secret"))
            {
                Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(password)).ResultCode);
                Assert.True((await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Co2, 500))).IsSuccess);
            }

            // Connected to B, subscribed, when the configuration is put through A.
            await using var onB = await ConfigListener.ConnectAsync(b.MqttPort, "pinggu", "cfg-x", password);
            var response = await a.Http.PutAsync("/api/devices/cfg-x/config",
                new StringContent("""{"version":1,"reportIntervalSeconds":45}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            var live = await onB.NextAsync(TimeSpan.FromSeconds(90));
            Assert.Equal(45, WireFormat.ParseDeviceConfig(live.Payload).Value!.ReportIntervalSeconds);
            await onB.DisposeAsync();

            // The device moves back to A and finds the configuration retained there too.
            await using var onA = await ConfigListener.ConnectAsync(a.MqttPort, "pinggu", "cfg-x", password);
            var retained = await onA.NextAsync(TimeSpan.FromSeconds(90));
            Assert.True(retained.Retain);
            Assert.Equal(45, WireFormat.ParseDeviceConfig(retained.Payload).Value!.ReportIntervalSeconds);
            foreach (var silo in cluster.Silos) silo.DeleteDataOnDispose = true;
        }
        catch
        {
            Console.WriteLine(cluster.LogTails());
            throw;
        }
    }

    /// <summary>The device itself, subscribed to its configuration topic as a gateway is.</summary>
    private sealed class ConfigListener : IAsyncDisposable
    {
        private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
        private readonly System.Threading.Channels.Channel<MqttApplicationMessage> _received =
            System.Threading.Channels.Channel.CreateUnbounded<MqttApplicationMessage>();

        public static async Task<ConfigListener> ConnectAsync(int port, string district, string deviceId, string password)
        {
            var listener = new ConfigListener();
            listener._client.ApplicationMessageReceivedAsync += e => listener._received.Writer.WriteAsync(e.ApplicationMessage).AsTask();
            var result = await listener._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId(deviceId)
                .WithCredentials(deviceId, password).WithProtocolVersion(MqttProtocolVersion.V500).Build());
            Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
            await listener._client.SubscribeAsync($"citybrain/v1/{district}/{deviceId}/config", MqttQualityOfServiceLevel.AtLeastOnce);
            return listener;
        }

        public async Task<MqttApplicationMessage> NextAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            return await _received.Reader.ReadAsync(cancel.Token);
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected) await _client.DisconnectAsync();
            _client.Dispose();
        }
    }
}
