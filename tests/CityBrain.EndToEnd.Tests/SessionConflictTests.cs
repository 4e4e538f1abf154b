using System.Net.Http.Json;
using CityBrain.Contracts.Security;
using CityBrain.Edge.Link;
using CityBrain.Ingest.Broker;
using CityBrain.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.EndToEnd.Tests;

/// <summary>Two gateways with one device id (a cloned SD card) against the cluster's broker: the cluster names the
/// device and both addresses, in one log line and on the operations API.</summary>
public class SessionConflictTests
{
    [Fact]
    public async Task The_broker_names_a_device_whose_session_two_gateways_keep_taking_from_each_other()
    {
        await using var cluster = await RunningHost.StartAsync();
        var log = LogCapture.Attach(cluster);
        var options = new LinkOptions("gw-cloned", "haidian", "127.0.0.1", cluster.MqttPort, DerivedPassword.For(RunningHost.FleetSecret, "gw-cloned"))
        {
            TakeoverBackoff = TimeSpan.FromMilliseconds(200),
        };
        using var stop = new CancellationTokenSource();
        using var first = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance, new Random(1));
        using var second = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance, new Random(2));
        var running = new[] { first.RunAsync(stop.Token), second.RunAsync(stop.Token) };

        var conflicts = await RunningHost.EventuallyAsync(
            () => cluster.Http.GetFromJsonAsync<List<SessionConflict>>("/api/ops/session-conflicts")!,
            c => c is [{ Addresses.Count: 2 }], "the conflict on the operations API");
        await RunningHost.EventuallyAsync(() => Task.FromResult(first.Conflict is not null && second.Conflict is not null), c => c, "both gateways to see it too");
        await stop.CancelAsync();
        await Task.WhenAll(running);

        var conflict = Assert.Single(conflicts!);
        Assert.Equal("gw-cloned", conflict.DeviceId);
        Assert.True(conflict.Takeovers >= SessionTakeovers.Repeated);
        Assert.All(conflict.Addresses, a => Assert.StartsWith("127.0.0.1:", a));
        var warning = Assert.Single(log.Entries, e => e.Message.Contains("is connected twice", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Matches(@"^Device gw-cloned is connected twice: its session was taken over \d+ times in 10 min, the latest time by 127\.0\.0\.1:\d+ from 127\.0\.0\.1:\d+; " +
            @"two gateways use this id \(a cloned SD card\?\): give one of them its own device id and credentials$", warning.Message);
        Assert.True((await cluster.GetAsync<Ingest.Metrics.IngestCounters>("/api/ops/ingest"))!.SessionTakeovers >= SessionTakeovers.Repeated);
    }
}
