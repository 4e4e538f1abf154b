using CityBrain.Edge.Gateway.Tests.Support;
using CityBrain.Edge.Link;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Gateway.Tests.Link;

/// <summary>Two gateways with one device id (a cloned SD card) against one real broker: each new connection takes the
/// other's session over.</summary>
public sealed class SessionTakeoverTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    [Fact]
    public async Task Two_links_with_one_id_each_say_another_gateway_uses_it_and_back_off_ever_longer()
    {
        var options = Publishers.Link(_broker, "gw-clone") with { TakeoverBackoff = TimeSpan.FromMilliseconds(200) };
        var first = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance, new Random(1));
        var second = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance, new Random(2));
        var running = new[] { first.RunAsync(_stop.Token), second.RunAsync(_stop.Token) };

        await Eventually.HoldsAsync(() => first.Conflict is not null && second.Conflict is not null, "both links to see the other");

        Assert.All(new[] { first, second }, link => Assert.StartsWith(
            "another gateway is using the id gw-clone (a cloned SD card?): the broker handed its session to another connection ",
            link.Conflict));
        Assert.All(new[] { first, second }, link => Assert.EndsWith(
            "times in 10 min; give one of them its own device id and credentials (citybrain-edge provision)", link.Conflict));
        await _stop.CancelAsync();
        await Task.WhenAll(running);
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task One_take_over_is_a_technician_s_check_not_a_conflict()
    {
        var options = Publishers.Link(_broker, "gw-checked");
        using var link = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance);
        var running = link.RunAsync(_stop.Token);
        await link.WaitUntilConnectedAsync(_stop.Token);

        // What citybrain-edge provision and check do: connect once with the device's id, resuming its session.
        using (var check = new MQTTnet.MqttClientFactory().CreateMqttClient())
        {
            await BoundedConnect.ConnectAsync(check, LinkTls.Connection(options, options.Brokers[0])
                .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).WithCleanStart(false).Build(), options.Timeout, _stop.Token);
            await check.DisconnectAsync(new MQTTnet.MqttClientDisconnectOptions(), _stop.Token);
        }
        await Eventually.HoldsAsync(() => link.Connects == 2, "the link to connect again");

        Assert.Null(link.Conflict);
        await _stop.CancelAsync();
        await running;
    }

    [Fact]
    public void Every_recent_take_over_doubles_the_wait_drawn_between_half_and_all_of_its_ceiling_up_to_the_cap()
    {
        var options = new LinkOptions("gw-plan", "haidian", "node-a", 1883, "secret")
        {
            TakeoverBackoff = TimeSpan.FromSeconds(2),
            MaxTakeoverBackoff = TimeSpan.FromMinutes(5),
        };
        var lowest = new ReconnectPlan(options, new ScriptedRandom(0.0));
        var highest = new ReconnectPlan(options, new ScriptedRandom(1.0));

        Assert.Equal([1, 2, 4, 8, 16, 150, 150], new[] { 1, 2, 3, 4, 5, 10, 40 }.Select(n => lowest.TakenOver(n).TotalSeconds));
        Assert.Equal([2, 4, 8, 16, 32, 300, 300], new[] { 1, 2, 3, 4, 5, 10, 40 }.Select(n => highest.TakenOver(n).TotalSeconds));
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _broker.DisposeAsync();
    }
}
