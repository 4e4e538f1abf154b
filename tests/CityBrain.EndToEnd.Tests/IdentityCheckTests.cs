using System.Net.Http.Json;
using System.Text;
using CityBrain.Edge.Cli;
using CityBrain.Host.Hosting;
using CityBrain.Storage.DeadLetters;
using CityBrain.Testing;
using MQTTnet;

namespace CityBrain.EndToEnd.Tests;

/// <summary>The gateway's identity against the cluster: a district typo is caught by <c>citybrain-edge provision</c>
/// with the part that is wrong, and every topic refusal is kept for the operator with device, topic and reason.</summary>
public class IdentityCheckTests
{
    [Fact]
    public async Task Provision_names_the_wrong_district_and_the_cluster_keeps_every_topic_refusal()
    {
        await using var cluster = await RunningHost.StartAsync();
        var issued = new StringWriter();
        Assert.Equal(0, await CredentialsCommand.RunAsync(["credentials", "add", "gw-typo", "--district", "haidian", "--data", cluster.DataDirectory], issued, new StringWriter()));
        var password = issued.ToString().Split("password ")[1].Split(Environment.NewLine)[0];
        var dir = Directory.CreateTempSubdirectory("citybrain-gw-").FullName;
        async Task<(int Code, string Error)> ProvisionAsync(string district, params string[] more)
        {
            var error = new StringWriter();
            var code = await EdgeCommandLine.InvokeAsync(["provision", "--config", Path.Combine(dir, "gateway.json"), "--device", "gw-typo", "--district", district,
                "--broker", $"127.0.0.1:{cluster.MqttPort}", "--password", password, "--data-dir", Path.Combine(dir, "data"), .. more], new StringWriter(), error);
            return (code, error.ToString().Trim());
        }

        var typo = await ProvisionAsync("haidain");
        var writtenAfterTypo = File.Exists(Path.Combine(dir, "gateway.json"));
        await using (var device = cluster.Device("haidain", "gw-typo"))
        {
            await device.ConnectAsync(password);
            var refused = await device.PublishRawAsync("citybrain/v1/haidain/gw-typo/telemetry", Encoding.UTF8.GetBytes("{}"));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, refused.ReasonCode);
            Assert.Equal("device gw-typo belongs to district haidian, not haidain", refused.ReasonString);
        }
        var offline = await ProvisionAsync("haidain", "--offline");
        var check = new StringWriter();
        var checkCode = await EdgeCommandLine.InvokeAsync(["check", "--config", Path.Combine(dir, "gateway.json")], check, new StringWriter());
        var fixedUp = await ProvisionAsync("haidian");
        var rejections = await cluster.Http.GetFromJsonAsync<List<DeadLetter>>("/api/ops/rejections");

        Assert.Equal(ExitCodes.CredentialsRefused, typo.Code);
        Assert.Equal(
            $"citybrain-edge provision: the broker at 127.0.0.1:{cluster.MqttPort} accepted the credentials of gw-typo but refused its topics in district haidain: " +
            "device gw-typo belongs to district haidian, not haidain; provision again with the device id and district the cluster registered; " +
            "nothing was written (--offline writes without this check).",
            typo.Error);
        Assert.False(writtenAfterTypo);
        Assert.Equal((ExitCodes.Ok, ""), offline);
        Assert.NotEqual(ExitCodes.Ok, checkCode);
        Assert.Contains($"✓ credentials: the broker accepts gw-typo", check.ToString());
        Assert.Contains($"✗ identity: the broker at 127.0.0.1:{cluster.MqttPort} accepted the credentials of gw-typo but refused its topics in district haidain: " +
            "device gw-typo belongs to district haidian, not haidain; provision again with the device id and district the cluster registered", check.ToString());
        Assert.Equal((ExitCodes.Ok, ""), fixedUp);
        Assert.Contains(rejections!, r => (r.ClientId, r.Topic, r.Kind, r.Reason) ==
            ("gw-typo", "citybrain/v1/haidain/gw-typo/config", "SubscriptionNotAuthorized", "device gw-typo belongs to district haidian, not haidain"));
        Assert.Contains(rejections!, r => (r.ClientId, r.Topic, r.Kind, r.Reason) ==
            ("gw-typo", "citybrain/v1/haidain/gw-typo/telemetry", "NotAuthorized", "device gw-typo belongs to district haidian, not haidain"));
    }
}
