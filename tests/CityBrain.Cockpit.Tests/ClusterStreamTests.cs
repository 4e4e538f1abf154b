using System.Diagnostics;
using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>The cockpit in front of a cluster, as production runs it: two silos of the real host as separate processes,
/// a load balancer (<see cref="TcpForwarder"/> standing in for HAProxy) in front of their HTTP ports, and the page in
/// Chromium talking only to the balancer.</summary>
[Collection(CockpitCollection.Name)]
public sealed class ClusterStreamTests(CockpitFixture fixture, ITestOutputHelper log) : BrowserTest<CockpitFixture>(fixture)
{
    /// <summary>Upper bounds only, for a loaded two-core machine: each wait ends as soon as its condition holds.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Every value the page's link indicator takes from now on, in order, as the page's own DOM reports it:
    /// the reconnecting state may last only the stream's retry delay, too briefly to be caught by polling.</summary>
    private const string RecordLinkStates = """
        () => {
          const read = () => document.querySelector('.link-state')?.className ?? '';
          window.linkStates = [read()];
          new MutationObserver(() => {
            const now = read();
            if (now !== window.linkStates[window.linkStates.length - 1]) window.linkStates.push(now);
          }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
        }
        """;

    [BrowserFact]
    public async Task Live_cockpit_streams_reconnect_to_a_surviving_silo_after_the_serving_one_is_killed()
    {
        var clock = Stopwatch.StartNew();
        void Note(string what) => log.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s: {what}");
        await using var cluster = await LocalCluster.StartAsync(2, CockpitFixture.AnonymousViewing);
        Note("two silos up");
        var (victim, survivor) = (cluster.Silos[0], cluster.Silos[1]);
        // The victim first: the balancer sends everything there while it lives, so the kill certainly cuts the page off.
        await using var balancer = TcpForwarder.Start(victim.HttpPort, survivor.HttpPort);
        try
        {
            await using var device = new TestDevice(survivor.MqttPort, "fengtai", "cluster-stream-1", HostProcess.FleetSecret);
            Assert.Equal(MQTTnet.MqttClientConnectResultCode.Success, (await device.ConnectAsync()).ResultCode);
            await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-2), TestDevice.Value(Quantity.Pm2_5, 42));

            var page = await OpenAsync("/regions/fengtai", host: balancer.BaseAddress);
            var link = page.Locator(".link-state");
            var pm25 = page.Locator(".tile[data-quantity=pm2_5] .value");
            await Expect(link).ToHaveClassAsync("link-state live", new() { Timeout = (float)Patience.TotalMilliseconds });
            await Expect(pm25).ToHaveTextAsync("42", new() { Timeout = (float)Patience.TotalMilliseconds });
            Note($"page live with 42 through the balancer; connections {Describe(balancer)}");
            Assert.NotEmpty(balancer.Connections);
            Assert.All(balancer.Connections, c => Assert.Equal(victim.HttpPort, c.Backend.Port));
            await page.EvaluateAsync("() => window.notReloaded = true");
            await page.EvaluateAsync(RecordLinkStates);

            await victim.KillAsync();
            Note("killed the silo serving the page");

            await page.WaitForFunctionAsync("() => window.linkStates.includes('link-state reconnecting')", null,
                new() { Timeout = (float)Patience.TotalMilliseconds });
            Note("page says reconnecting");
            // Published once the survivor declared the victim dead, so that the district's grain can come back on the
            // survivor: before that, a device's report upward to a district on the dead silo fails and is not retried
            // (DeferredAction drops it), and the district would keep its old value until the device's next reading.
            await RunningHost.EventuallyAsync(() => Task.FromResult(survivor.LogLines("was declared dead").Count), n => n > 0,
                "the survivor to declare the killed silo dead", Patience);
            Note("survivor declared the victim dead");
            await device.PublishAsync(2, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 77));
            Note("77 acknowledged by the survivor");

            await Expect(pm25).ToHaveTextAsync("77", new() { Timeout = (float)Patience.TotalMilliseconds });
            await Expect(link).ToHaveClassAsync("link-state live", new() { Timeout = (float)Patience.TotalMilliseconds });
            Note($"page live with 77; connections {Describe(balancer)}");

            var states = await page.EvaluateAsync<string[]>("() => window.linkStates");
            Note($"link states after the kill: {string.Join(" -> ", states)}");
            Assert.Equal("link-state live", states[0]);
            var reconnecting = Array.IndexOf(states, "link-state reconnecting");
            Assert.True(reconnecting > 0, "the page never said it was reconnecting");
            Assert.Contains("link-state live", states[(reconnecting + 1)..]);
            Assert.Equal("link-state live", states[^1]);
            // Reconnected by the page's own stream logic, not by a reload that would have started it afresh.
            Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
            Assert.True(balancer.ConnectionsTo(survivor.HttpPort) > 0, $"no connection to the survivor: {Describe(balancer)}");
            await page.Context.CloseAsync();
            foreach (var silo in cluster.Silos) silo.DeleteDataOnDispose = true;
        }
        catch
        {
            log.WriteLine($"balancer connections: {Describe(balancer)}");
            log.WriteLine(cluster.LogTails());
            throw;
        }
    }

    private static string Describe(TcpForwarder balancer) =>
        balancer.Connections.Count == 0 ? "none" : string.Join(", ", balancer.Connections.Select(c => $"{c.Client.Port}->{c.Backend.Port}"));
}
