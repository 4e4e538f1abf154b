using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Hosting;
using CityBrain.Testing;
using MQTTnet;

namespace CityBrain.Host.Tests;

/// <summary>The credentials verbs against a running host, as an operator uses them beside it: a revocation or rotation
/// made by the CLI reaches the host through the store's change numbers and closes the device's session.</summary>
public sealed class CredentialLifecycleTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    public async Task InitializeAsync() => _host = await RunningHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_revoked_device_is_disconnected_and_cannot_log_in_again()
    {
        var password = await AddAsync("revoke-1");
        await using var device = _host.Device("haidian", "revoke-1");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(password)).ResultCode);

        var (exit, output, _) = await RunAsync("revoke", "revoke-1");

        Assert.Equal(0, exit);
        Assert.Contains("revoked", output);
        var disconnected = await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, disconnected.Reason);
        await using var again = _host.Device("haidian", "revoke-1");
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await again.ConnectAsync(password)).ResultCode);
    }

    [Fact]
    public async Task A_rotated_device_is_disconnected_and_gets_back_in_only_with_the_new_password()
    {
        var old = await AddAsync("rotate-2");
        await using var device = _host.Device("haidian", "rotate-2");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(old)).ResultCode);

        var (exit, output, _) = await RunAsync("rotate", "rotate-2");
        var fresh = output.Split("new password ")[1].Split(Environment.NewLine)[0];

        Assert.Equal(0, exit);
        Assert.Equal(MqttClientDisconnectReason.NotAuthorized, (await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(30))).Reason);
        await using (var withOld = _host.Device("haidian", "rotate-2"))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, (await withOld.ConnectAsync(old)).ResultCode);
        }
        await using var withNew = _host.Device("haidian", "rotate-2");
        Assert.Equal(MqttClientConnectResultCode.Success, (await withNew.ConnectAsync(fresh)).ResultCode);
        Assert.True((await withNew.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 10))).IsSuccess);
    }

    [Fact]
    public async Task A_device_added_again_in_another_district_is_disconnected_and_then_publishes_only_there()
    {
        var first = await AddAsync("move-1");
        await using var device = _host.Device("haidian", "move-1");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync(first)).ResultCode);

        var (_, output, _) = await RunAsync("add", "move-1", "--district", "chaoyang");
        var second = output.Split("password ")[1].Split(Environment.NewLine)[0];

        await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(30));
        await using var moved = _host.Device("chaoyang", "move-1");
        Assert.Equal(MqttClientConnectResultCode.Success, (await moved.ConnectAsync(second)).ResultCode);
        Assert.True((await moved.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 10))).IsSuccess);
        var old = await moved.PublishRawAsync("citybrain/v1/haidian/move-1/telemetry", "{}"u8.ToArray());
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, old.ReasonCode);
    }

    [Fact]
    public async Task Another_device_stays_connected_through_a_revocation()
    {
        var bystanderPassword = await AddAsync("bystander-1");
        await AddAsync("revoke-3");
        await using var bystander = _host.Device("haidian", "bystander-1");
        await bystander.ConnectAsync(bystanderPassword);
        await using var revoked = _host.Device("haidian", "revoke-3");
        await revoked.ConnectAsync(await RotatedPasswordAsync("revoke-3"));

        await RunAsync("revoke", "revoke-3");
        await revoked.Disconnected.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(bystander.Disconnected.IsCompleted);
        Assert.True((await bystander.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 10))).IsSuccess);
    }

    [Fact]
    public async Task The_list_shows_each_device_with_its_state_and_never_a_password()
    {
        var password = await AddAsync("list-1");
        await AddAsync("list-2");
        await RunAsync("revoke", "list-2");

        var (exit, output, _) = await RunAsync("list", "--district", "haidian");

        Assert.Equal(0, exit);
        var lines = output.Split(Environment.NewLine);
        Assert.Matches(@"^list-1\s+haidian\s+\S+ \S+\s+-\s+-\s*$", Assert.Single(lines, l => l.StartsWith("list-1 ", StringComparison.Ordinal)));
        Assert.Matches(@"^list-2\s+haidian\s+\S+ \S+\s+-\s+\d{4}-", Assert.Single(lines, l => l.StartsWith("list-2 ", StringComparison.Ordinal)));
        Assert.DoesNotContain(password, output);
    }

    [Theory]
    [InlineData("rotate")]
    [InlineData("revoke")]
    public async Task An_unknown_device_is_exit_code_1_with_a_sentence(string verb)
    {
        var (exit, _, error) = await RunAsync(verb, "nobody-here");

        Assert.Equal(1, exit);
        Assert.Contains("'nobody-here' has no credential", error);
    }

    [Theory]
    [InlineData("credentials")]
    [InlineData("credentials", "remove", "gw-1")]
    [InlineData("credentials", "rotate")]
    [InlineData("credentials", "add", "gw-1")]
    public async Task A_wrong_verb_or_missing_argument_prints_the_usage(params string[] args)
    {
        var error = new StringWriter();

        Assert.Equal(2, await CredentialsCommand.RunAsync(args, new StringWriter(), error));
        Assert.Contains("credentials add DEVICE --district DISTRICT", error.ToString());
    }

    private async Task<string> AddAsync(string deviceId)
    {
        var (exit, output, _) = await RunAsync("add", deviceId, "--district", "haidian");
        Assert.Equal(0, exit);
        return output.Split("password ")[1].Split(Environment.NewLine)[0];
    }

    private async Task<string> RotatedPasswordAsync(string deviceId) =>
        (await RunAsync("rotate", deviceId)).Output.Split("new password ")[1].Split(Environment.NewLine)[0];

    private async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var exit = await CredentialsCommand.RunAsync(["credentials", .. args, "--data", _host.DataDirectory], output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
