using System.Buffers;
using System.Text;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Edge.Link;
using CityBrain.Edge.Gateway.Tests.Support;
using CityBrain.Edge.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Gateway.Tests.Link;

public sealed class MqttLinkTests : IAsyncLifetime
{
    private readonly CancellationTokenSource _stop = new();
    private TestBroker _broker = null!;

    public async Task InitializeAsync() => _broker = await TestBroker.StartAsync();

    private (MqttLink Link, Task Running) Start(LinkOptions options)
    {
        var link = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance);
        return (link, link.RunAsync(_stop.Token));
    }

    private async Task<Status?> RetainedStatusAsync(MqttLink link)
    {
        var retained = (await _broker.RetainedAsync()).SingleOrDefault(m => m.Topic == link.StatusTopic);
        return retained is null ? null : WireFormat.ParseStatus(retained.Payload).Value;
    }

    [Fact]
    public async Task Connecting_publishes_the_retained_birth_and_a_silent_death_the_retained_last_will()
    {
        var (link, running) = Start(Publishers.Link(_broker, "gw-birth"));
        await link.WaitUntilConnectedAsync(_stop.Token);
        await Eventually.HoldsAsync(async () => (await RetainedStatusAsync(link))?.State == DeviceState.Online, "the birth message");

        // Disposing the client closes the socket without a DISCONNECT, as a power cut would.
        await _stop.CancelAsync();
        await running;
        link.Dispose();

        await Eventually.HoldsAsync(async () => (await RetainedStatusAsync(link))?.State == DeviceState.Offline, "the last will");
    }

    [Fact]
    public async Task A_clean_close_says_offline_itself()
    {
        var (link, running) = Start(Publishers.Link(_broker, "gw-bye"));
        await link.WaitUntilConnectedAsync(_stop.Token);

        await _stop.CancelAsync();
        await running;
        await link.CloseAsync(CancellationToken.None);

        Assert.Equal(DeviceState.Offline, (await RetainedStatusAsync(link))?.State);
        Assert.Equal(LinkCondition.Closed, link.State.Condition);
        link.Dispose();
    }

    [Fact]
    public async Task Refused_credentials_are_reported_and_retried_slowly_until_the_broker_accepts_them()
    {
        _broker.Passwords["gw-refused"] = "the-right-one";
        var (link, running) = Start(Publishers.Link(_broker, "gw-refused", password: "a-wrong-one"));

        await Eventually.HoldsAsync(() => link.State.Condition == LinkCondition.Refused, "the refusal");
        Assert.Contains("BadUserNameOrPassword", link.State.Detail);
        Assert.Contains("password from provisioning", link.State.Detail);
        Assert.False(link.IsConnected);
        // How slowly it retries is the reconnect plan's (ReconnectPlanTests), without a clock to race.

        // The cluster re-issues the password the gateway has: the next slow retry gets in.
        _broker.Passwords["gw-refused"] = "a-wrong-one";
        await link.WaitUntilConnectedAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(link.Refusals >= 1);
        Assert.Equal(1, link.Connects);
        await _stop.CancelAsync();
        await running;
        link.Dispose();
    }

    [Fact]
    public async Task An_unreachable_broker_is_reported_and_the_link_connects_once_it_is_back()
    {
        await _broker.StopAsync();
        var (link, running) = Start(Publishers.Link(_broker, "gw-waiting"));

        await Eventually.HoldsAsync(() => link.State.Condition == LinkCondition.Unreachable, "the unreachable broker");
        Assert.Contains($"broker 127.0.0.1:{_broker.Port} unreachable", link.State.Detail);
        await _broker.StartAgainAsync();

        await link.WaitUntilConnectedAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(30));
        await _stop.CancelAsync();
        await running;
        link.Dispose();
    }

    [Fact]
    public async Task The_retained_configuration_arrives_on_connect()
    {
        var options = Publishers.Link(_broker, "gw-config");
        var topic = CityBrain.Contracts.Topics.TopicAddress.Build("haidian", "gw-config", CityBrain.Contracts.Topics.TopicKind.Config);
        await _broker.PublishRetainedAsync(topic, Encoding.UTF8.GetBytes("""{"version":1,"reportIntervalSeconds":30}"""));
        var received = new TaskCompletionSource<string>();
        var link = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance);
        link.ConfigReceived += payload => received.TrySetResult(Encoding.UTF8.GetString(payload.ToArray()));
        var running = link.RunAsync(_stop.Token);

        Assert.Contains("\"reportIntervalSeconds\":30", await received.Task.WaitAsync(TimeSpan.FromSeconds(30)));
        await _stop.CancelAsync();
        await running;
        link.Dispose();
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _broker.DisposeAsync();
    }
}
