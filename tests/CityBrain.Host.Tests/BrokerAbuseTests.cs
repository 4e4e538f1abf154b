using System.Net.Sockets;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Hosting;
using CityBrain.Ingest.Metrics;
using CityBrain.Testing;
using MQTTnet;

namespace CityBrain.Host.Tests;

/// <summary>The broker under abuse, over loopback against a real host: oversized packets, wrong-password storms,
/// enumeration, and a password cache that must not outlive a rotation.</summary>
public sealed class BrokerAbuseTests : IAsyncLifetime
{
    private RunningHost _host = null!;

    // Short delays so the window ends within a test; a high per-address allowance because every client here shares 127.0.0.1.
    public async Task InitializeAsync() => _host = await RunningHost.StartAsync(null,
        "--Broker:FailedLoginsBeforeDelay=3", "--Broker:FailedLoginsBeforeDelayPerAddress=100000",
        "--Broker:LoginDelay=00:00:01", "--Broker:MaxLoginDelay=00:00:01", "--Broker:MaxPacketBytes=16384");

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private BrokerDefenceCounters Defence => _host.Service<IngestMetrics>().Snapshot().Defence;

    [Fact]
    public async Task An_oversized_connect_is_cut_at_its_header_and_a_gateway_keeps_working()
    {
        using var attacker = new TcpClient();
        await attacker.ConnectAsync("127.0.0.1", _host.MqttPort);
        var stream = attacker.GetStream();
        // CONNECT announcing 64 MB: the fixed header alone, then filler the broker must not wait for.
        await stream.WriteAsync(new byte[] { 0x10, 0x80, 0x80, 0x80, 0x20 });
        await stream.FlushAsync();

        await RunningHost.EventuallyAsync(() => Task.FromResult(Defence.OversizedPackets), n => n >= 1, "the oversized CONNECT is counted");
        var closed = await ReadUntilClosedAsync(stream);
        Assert.True(closed, "the broker closes the connection");

        await using var device = _host.Device("haidian", "big-legit");
        Assert.Equal(MqttClientConnectResultCode.Success, (await device.ConnectAsync()).ResultCode);
        Assert.True((await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 10))).IsSuccess);
    }

    [Fact]
    public async Task An_oversized_publish_closes_the_connection_of_its_sender_only()
    {
        await using var sender = _host.Device("haidian", "big-sender");
        await sender.ConnectAsync();
        await using var bystander = _host.Device("haidian", "big-bystander");
        await bystander.ConnectAsync();
        var before = Defence.OversizedPackets;

        await Assert.ThrowsAnyAsync<Exception>(() => sender.PublishRawAsync("citybrain/v1/haidian/big-sender/telemetry", new byte[64 * 1024]));

        Assert.True(Defence.OversizedPackets > before);
        Assert.True((await bystander.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 10))).IsSuccess);
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_refused_unchecked_and_another_device_still_connects()
    {
        await ProvisionAsync("storm-1");
        var other = await ProvisionAsync("storm-2");

        foreach (var _ in Enumerable.Range(0, 3))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync("storm-1", "wrong"));
        }
        var checks = Defence.PasswordChecks;
        var throttled = Defence.LoginsThrottled;

        Assert.Equal(MqttClientConnectResultCode.QuotaExceeded, await ConnectAsync("storm-1", "wrong"));
        Assert.Equal(checks, Defence.PasswordChecks);
        Assert.Equal(throttled + 1, Defence.LoginsThrottled);
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync("storm-2", other));
    }

    [Fact]
    public async Task The_right_password_works_again_once_the_delay_is_over()
    {
        var password = await ProvisionAsync("storm-3");
        foreach (var _ in Enumerable.Range(0, 3))
        {
            Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync("storm-3", "wrong"));
        }
        Assert.Equal(MqttClientConnectResultCode.QuotaExceeded, await ConnectAsync("storm-3", password));

        var result = await RunningHost.EventuallyAsync(() => ConnectAsync("storm-3", password),
            r => r == MqttClientConnectResultCode.Success, "the device connects after the delay");

        Assert.Equal(MqttClientConnectResultCode.Success, result);
    }

    [Fact]
    public async Task An_unknown_id_and_a_wrong_password_get_the_same_answer()
    {
        await ProvisionAsync("enum-1");

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync("enum-1", "wrong"));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync("enum-nobody", "wrong"));
    }

    [Fact]
    public async Task A_rotated_password_is_refused_although_it_verified_moments_ago()
    {
        var old = await ProvisionAsync("rotate-1");
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync("rotate-1", old));
        var recognisedBefore = Defence.PasswordsRecognised;
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync("rotate-1", old));
        Assert.True(Defence.PasswordsRecognised > recognisedBefore, "the reconnect is let in from the cache");

        var fresh = await ProvisionAsync("rotate-1");

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, await ConnectAsync("rotate-1", old));
        Assert.Equal(MqttClientConnectResultCode.Success, await ConnectAsync("rotate-1", fresh));
    }

    private async Task<string> ProvisionAsync(string deviceId)
    {
        var output = new StringWriter();
        var exit = await CredentialsCommand.RunAsync(["credentials", "add", deviceId, "--district", "haidian", "--data", _host.DataDirectory],
            output, new StringWriter());
        Assert.Equal(0, exit);
        return output.ToString().Split("password ")[1].Split(Environment.NewLine)[0];
    }

    private async Task<MqttClientConnectResultCode> ConnectAsync(string deviceId, string password)
    {
        await using var device = _host.Device("haidian", deviceId);
        return (await device.ConnectAsync(password)).ResultCode;
    }

    private static async Task<bool> ReadUntilClosedAsync(NetworkStream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer) > 0) { }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
