using CityBrain.EndToEnd.Tests.Crashes;
using CityBrain.Host.Hosting;
using CityBrain.Testing;
using MQTTnet;

namespace CityBrain.EndToEnd.Tests.Cluster;

/// <summary>A credential revoked in the shared store closes the device's sessions on every node, each node learning of
/// it from the store's change numbers.</summary>
[Collection(CrashCollection.Name)]
public sealed class RevocationAcrossNodesTests
{
    [Fact]
    public async Task A_device_revoked_by_the_cli_is_disconnected_from_every_node()
    {
        await using var cluster = await LocalCluster.StartAsync(2);
        try
        {
            var password = (await CredentialsAsync(cluster, "add", "rev-x", "--district", "pinggu")).Split("password ")[1].Split(Environment.NewLine)[0];
            await using var onA = new TestDevice(cluster.Silos[0].MqttPort, "pinggu", "rev-x", "not-the-fleet-secret");
            await using var onB = new TestDevice(cluster.Silos[1].MqttPort, "pinggu", "rev-x", "not-the-fleet-secret");
            Assert.Equal(MqttClientConnectResultCode.Success, (await onA.ConnectAsync(password)).ResultCode);
            Assert.Equal(MqttClientConnectResultCode.Success, (await onB.ConnectAsync(password)).ResultCode);

            await CredentialsAsync(cluster, "revoke", "rev-x");

            Assert.Equal(MqttClientDisconnectReason.NotAuthorized, (await onA.Disconnected.WaitAsync(TimeSpan.FromSeconds(90))).Reason);
            Assert.Equal(MqttClientDisconnectReason.NotAuthorized, (await onB.Disconnected.WaitAsync(TimeSpan.FromSeconds(90))).Reason);
            await using var again = new TestDevice(cluster.Silos[1].MqttPort, "pinggu", "rev-x", "not-the-fleet-secret");
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await again.ConnectAsync(password)).ResultCode);
            foreach (var silo in cluster.Silos) silo.DeleteDataOnDispose = true;
        }
        catch
        {
            Console.WriteLine(cluster.LogTails());
            throw;
        }
    }

    private static async Task<string> CredentialsAsync(LocalCluster cluster, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CredentialsCommand.RunAsync(
            ["credentials", .. args, "--mode=Cluster", $"--postgres={cluster.Postgres.ConnectionString}"], output, error);
        Assert.True(exit == 0, error.ToString());
        return output.ToString();
    }
}
