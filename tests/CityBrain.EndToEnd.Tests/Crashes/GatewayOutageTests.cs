using System.Diagnostics;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Hosting;
using CityBrain.Edge.Outbox;
using CityBrain.Host.Api;
using CityBrain.Host.Hosting;
using CityBrain.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>The real gateway (emulated sensor, SQLite outbox, MQTT link) against the real host process, which is killed
/// with SIGKILL and kept down while the gateway goes on reporting into its outbox; after the restart the backlog
/// drains, and the cluster must have counted every report the gateway produced exactly once.</summary>
[Collection(CrashCollection.Name)]
public sealed class GatewayOutageTests(ITestOutputHelper log)
{
    private const string DeviceId = "crash-gw-1";
    private const string District = "pinggu";

    [Fact]
    public async Task A_gateway_s_backlog_from_a_killed_host_drains_and_every_report_counts_once()
    {
        var clock = Stopwatch.StartNew();
        await using var host = HostProcess.Create();
        var gatewayData = Directory.CreateTempSubdirectory("citybrain-crash-gw-").FullName;
        try
        {
            // Provisioned on the cluster's data before the host first starts, as a technician does.
            var printed = new StringWriter();
            Assert.Equal(0, await CredentialsCommand.RunAsync(["credentials", "add", DeviceId, "--district", District, "--data", host.DataDirectory],
                printed, new StringWriter()));
            var password = printed.ToString().Split("password ")[1].Split(Environment.NewLine)[0];

            using var gateway = Gateway(host.MqttPort, password, gatewayData);
            await gateway.StartAsync();
            var outbox = gateway.Services.GetRequiredService<GatewayService>().Runtime.Publisher.Outbox;

            // The gateway boots before the cluster: its first report waits in the outbox, which numbers it.
            await Crash.UntilAsync(async () => (await outbox.BacklogAsync()).Depth >= 1, "the gateway's first report", TimeSpan.FromSeconds(30));
            var start = await outbox.BacklogAsync();
            var first = start.NextSequence - start.Depth;
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: first report {first} in the outbox");

            await host.StartAsync();
            await Crash.UntilAsync(async () => await AcceptedAsync(host) >= 5, "five reports accepted", TimeSpan.FromSeconds(90), host);
            var beforeKill = await AcceptedAsync(host);
            await host.KillAsync();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: killed after {beforeKill} reports accepted");

            // Ten seconds of outage: the scenario, not a wait for anything.
            await Task.Delay(TimeSpan.FromSeconds(10));
            var during = await outbox.BacklogAsync();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: {during.Depth} reports waiting in the outbox");
            Assert.True(during.Depth >= 5, $"only {during.Depth} reports waited in the outbox after ten seconds without the cluster");

            await host.StartAsync();
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: restarted");
            var backlogEnd = during.NextSequence - first;
            await Crash.UntilAsync(async () => (await outbox.BacklogAsync()).Depth == 0 && await AcceptedAsync(host) >= backlogEnd,
                "the backlog drained", TimeSpan.FromSeconds(120), host);
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: backlog of the outage drained");
            await gateway.StopAsync();

            // A report committed just before the stop may still wait (or be in the cluster without its PUBACK read):
            // it goes out as the gateway's next run would send it, with its own sequence and bytes.
            var end = await LeftoversAsync(gatewayData, host.MqttPort, password);
            var produced = end.NextSequence - first;
            log.WriteLine($"{clock.Elapsed.TotalSeconds,5:0.0} s: gateway stopped; {produced} reports produced, {end.Depth} were left in its outbox and sent");
            await Crash.UntilAsync(async () => await AcceptedAsync(host) >= produced, $"{produced} reports accepted", TimeSpan.FromSeconds(60), host);

            var device = await host.GetAsync<DeviceResponse>($"/api/devices/{DeviceId}");
            log.WriteLine($"accepted {device!.Accepted}, duplicates {device.Duplicates}, last sequence {device.LastSequence}");
            Assert.Equal(produced, device.Accepted);
            Assert.Equal(end.NextSequence - 1, device.LastSequence);
            Assert.True(device.Duplicates >= 0);
            Assert.Equal(District, device.District);
            // Nothing was merged, dropped or refused on the way: each produced report is one accepted report.
            Assert.Equal(0, end.Thinned);
            Assert.Equal(0, end.Dropped);
            Assert.Equal(0, end.Refused);
            // The run did what it claims: reports accepted before the kill, and a backlog from the outage after it.
            Assert.True(produced >= beforeKill + during.Depth, $"{produced} reports produced, fewer than {beforeKill} before the kill and {during.Depth} during the outage");
            host.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine(host.LogTail(200));
            throw;
        }
        Directory.Delete(gatewayData, recursive: true);
    }

    private static async Task<long> AcceptedAsync(HostProcess host)
    {
        using var response = await host.Http.GetAsync($"/api/devices/{DeviceId}");
        if (!response.IsSuccessStatusCode) return 0;
        return (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<DeviceResponse>(response.Content))!.Accepted;
    }

    /// <summary>Sends what the stopped gateway left in its outbox until each is acknowledged, deletes it as the pump
    /// would, and returns the outbox's final numbers.</summary>
    private static async Task<OutboxBacklog> LeftoversAsync(string gatewayData, int mqttPort, string password)
    {
        await using var store = SqliteOutbox.Open(Path.Combine(gatewayData, "outbox.db"), new OutboxOptions(), TimeProvider.System, NullLogger<SqliteOutbox>.Instance);
        var outbox = store.Device(DeviceId);
        var left = await outbox.LeaseAsync(-1, 10_000);
        var sender = new OutboxDevice(mqttPort, District, DeviceId, left.Select(e => PlannedReport.Composed(e.Sequence, e.WindowStart, e.Payload)), password);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await sender.RunAsync(TimeSpan.Zero, stop.Token);
        foreach (var entry in left) await outbox.AcknowledgeAsync(entry.Sequence);
        var backlog = await outbox.BacklogAsync();
        return backlog with { Depth = left.Count };
    }

    private static IHost Gateway(int mqttPort, string password, string dataDirectory)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddCityBrainGateway(o =>
        {
            o.DeviceId = DeviceId;
            o.District = District;
            o.DataDirectory = dataDirectory;
            o.ReportInterval = TimeSpan.FromSeconds(1);
            o.SampleInterval = TimeSpan.FromMilliseconds(200);
            o.HealthInterval = TimeSpan.FromSeconds(5);
            // A refusal while the host starts must not park the gateway for the default two minutes.
            o.Broker = new BrokerOptions { Host = "127.0.0.1", Port = mqttPort, Password = password, RefusedRetry = TimeSpan.FromSeconds(2) };
            o.Sensors = [new SensorOptions { Type = "sht4x", Emulated = true }];
        });
        return builder.Build();
    }
}
