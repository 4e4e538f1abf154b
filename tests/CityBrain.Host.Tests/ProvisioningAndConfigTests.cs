using System.Net;
using System.Text;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Hosting;
using CityBrain.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Host.Tests;

[Collection(HostCollection.Name)]
public class ProvisioningAndConfigTests(HostFixture fixture)
{
    private RunningHost Host => fixture.Host;

    [Fact]
    public async Task A_provisioned_gateway_connects_with_its_password_and_only_in_its_district()
    {
        var output = new StringWriter();
        var exit = await CredentialsCommand.RunAsync(["credentials", "add", "prov-1", "--district", "shunyi", "--data", Host.DataDirectory],
            output, new StringWriter());
        Assert.Equal(0, exit);
        var password = output.ToString().Split("password ")[1].Split(Environment.NewLine)[0];

        await using var device = Host.Device("shunyi", "prov-1");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(password)).ResultCode);
        Assert.True((await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 12))).IsSuccess);

        var elsewhere = await device.PublishRawAsync("citybrain/v1/haidian/prov-1/telemetry", Encoding.UTF8.GetBytes("{}"));
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, elsewhere.ReasonCode);
    }

    [Theory]
    [InlineData(new[] { "credentials", "add", "Bad/Id", "--district", "shunyi" }, "not a valid device id")]
    [InlineData(new[] { "credentials", "add", "gw-9", "--district", "atlantis" }, "known districts")]
    [InlineData(new[] { "credentials", "add", "gw-9" }, "usage")]
    public async Task Provisioning_mistakes_get_one_clear_sentence(string[] args, string expected)
    {
        var error = new StringWriter();

        var exit = await CredentialsCommand.RunAsync([.. args, "--data", Host.DataDirectory], new StringWriter(), error);

        Assert.Equal(2, exit);
        Assert.Contains(expected, error.ToString());
    }

    [Fact]
    public async Task A_configuration_put_through_the_api_reaches_the_device_retained()
    {
        await using var device = Host.Device("pinggu", "cfg-1");
        await device.ConnectAsync();
        await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Co2, 500));

        var response = await Host.Http.PutAsync("/api/devices/cfg-1/config",
            new StringContent("""{"version":1,"reportIntervalSeconds":30,"sampleIntervalSeconds":2}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

        // A gateway connecting later still gets it: the message is retained.
        var message = await RetainedConfigAsync(Host.MqttPort, "citybrain/v1/pinggu/cfg-1/config");

        Assert.True(message.Retain);
        var config = WireFormat.ParseDeviceConfig(message.Payload);
        Assert.Equal(30, config.Value!.ReportIntervalSeconds);
    }

    [Fact]
    public async Task A_configuration_outlives_a_restart_of_the_host()
    {
        var host = await RunningHost.StartAsync();
        try
        {
            await using (var device = await host.ConnectDeviceAsync("pinggu", "cfg-2"))
            {
                await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Co2, 500));
            }
            var response = await host.Http.PutAsync("/api/devices/cfg-2/config",
                new StringContent("""{"version":1,"reportIntervalSeconds":120}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);

            // The broker keeps retained messages in memory only; the store gives them back to the new process.
            host = await host.RestartAsync();
            var message = await RetainedConfigAsync(host.MqttPort, "citybrain/v1/pinggu/cfg-2/config");

            Assert.Equal(120, WireFormat.ParseDeviceConfig(message.Payload).Value!.ReportIntervalSeconds);
        }
        finally
        {
            await host.DisposeAsync();
        }
    }

    /// <summary>The retained message a client subscribing to <paramref name="topic"/> gets now.</summary>
    private static async Task<MqttApplicationMessage> RetainedConfigAsync(int port, string topic)
    {
        using var listener = new MqttClientFactory().CreateMqttClient();
        var received = new TaskCompletionSource<MqttApplicationMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        listener.ApplicationMessageReceivedAsync += e => { received.TrySetResult(e.ApplicationMessage); return Task.CompletedTask; };
        await listener.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"listener-{Guid.NewGuid():N}")
            .WithCredentials("bench", "bench-pass").WithProtocolVersion(MqttProtocolVersion.V500).Build());
        await listener.SubscribeAsync(topic, MqttQualityOfServiceLevel.AtLeastOnce);
        return await received.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Theory]
    [InlineData("cfg-none", """{"version":1,"reportIntervalSeconds":30}""", HttpStatusCode.NotFound, "never reported")]
    [InlineData("cfg-1", """{"version":1,"reportIntervalSeconds":0}""", HttpStatusCode.BadRequest, "reportIntervalSeconds")]
    [InlineData("cfg-1", "not json", HttpStatusCode.BadRequest, "not valid JSON")]
    public async Task A_bad_configuration_request_names_its_problem(string device, string body, HttpStatusCode status, string expected)
    {
        var response = await Host.Http.PutAsync($"/api/devices/{device}/config", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync());
    }
}
