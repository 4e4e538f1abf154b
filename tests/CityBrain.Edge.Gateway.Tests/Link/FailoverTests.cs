using System.Buffers;
using System.Collections.Concurrent;
using System.Text;
using CityBrain.Contracts.Topics;
using CityBrain.Edge.Gateway.Tests.Support;
using CityBrain.Edge.Link;
using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Testing;
using Microsoft.Data.Sqlite;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Gateway.Tests.Link;

/// <summary>A gateway given two brokers, as for a cluster whose nodes each run one, against two real brokers on
/// loopback. The link's draws are scripted so that it tries the brokers in the order given: A, then B.</summary>
public sealed class FailoverTests : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private TestBroker _a = null!, _b = null!;
    private SqliteOutbox _outbox = null!;
    private GatewayPublisher? _publisher;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _a = await TestBroker.StartAsync();
        _b = await TestBroker.StartAsync();
        _outbox = Reports.Open(_dir.File("outbox.db"));
    }

    /// <summary>The gateway's publishing path over brokers A and B; <paramref name="beforeStart"/> sees it before it connects.</summary>
    private GatewayPublisher Start(string device, Action<GatewayPublisher>? beforeStart = null)
    {
        _publisher = Publishers.Create(_outbox, Publishers.Link([_a, _b], device), new ScriptedRandom(0.5));
        beforeStart?.Invoke(_publisher);
        _running = _publisher.RunAsync(_stop.Token);
        return _publisher;
    }

    private static BrokerAddress Address(TestBroker broker) => new("127.0.0.1", broker.Port);

    private static async Task<List<long>> ProduceAsync(GatewayPublisher publisher, int fromWindow, int count)
    {
        var sequences = new List<long>();
        for (var window = fromWindow; window < fromWindow + count; window++)
        {
            sequences.Add(await publisher.PublishAsync(Reports.Start.AddMinutes(window), Minute, Reports.Readings(20 + window % 7), CancellationToken.None));
        }
        return sequences;
    }

    [Fact]
    public async Task With_the_first_broker_down_the_gateway_connects_to_the_second()
    {
        await _a.StopAsync();

        var publisher = Start("gw-second");
        await publisher.Link.WaitUntilConnectedAsync(_stop.Token).WaitAsync(Bound);

        Assert.Equal(Address(_b), publisher.Link.Broker);
        Assert.Equal($"connected to 127.0.0.1:{_b.Port} as gw-second", publisher.Link.State.Detail);
        Assert.Equal(["gw-second"], _b.Connections);
        // The first connect is not a failover, whichever broker it reached.
        Assert.Equal((1, 0), (publisher.Link.Connects, publisher.Link.Failovers));
    }

    [Fact]
    public async Task When_its_broker_stops_the_gateway_fails_over_and_sends_the_other_everything_not_acknowledged()
    {
        var publisher = Start("gw-failover");
        await publisher.Link.WaitUntilConnectedAsync(_stop.Token).WaitAsync(Bound);
        var acknowledged = await ProduceAsync(publisher, 0, 3);
        await Eventually.HoldsAsync(async () => (await publisher.Outbox.BacklogAsync()).Depth == 0, "A acknowledging the first reports");
        // A answers the next reports without taking them ("not now"): they stay in the outbox, unacknowledged.
        for (var window = 3; window < 23; window++) _a.Refuse(Reports.Start.AddMinutes(window), MqttPubAckReasonCode.QuotaExceeded);
        var held = await ProduceAsync(publisher, 3, 20);
        await Eventually.HoldsAsync(() => _a.Refused.Count > 0, "A answering the held reports");
        Assert.Equal(20, (await publisher.Outbox.BacklogAsync()).Depth);

        await _a.StopAsync();

        await Eventually.HoldsAsync(() => _b.FirstArrivals().Count >= held.Count, "the held reports on B");
        await Eventually.HoldsAsync(async () => (await publisher.Outbox.BacklogAsync()).Depth == 0, "the outbox drained to B");
        Assert.Equal(acknowledged, _a.FirstArrivals());
        Assert.Equal(held, _b.FirstArrivals().Order());
        Assert.Equal(Address(_b), publisher.Link.Broker);
        Assert.Equal((2, 1), (publisher.Link.Connects, publisher.Link.Failovers));
    }

    [Fact]
    public async Task On_the_other_broker_the_gateway_subscribes_to_its_configuration_again()
    {
        var topic = TopicAddress.Build("haidian", "gw-config", TopicKind.Config);
        await _a.PublishRetainedAsync(topic, Encoding.UTF8.GetBytes("""{"version":1,"reportIntervalSeconds":30}"""));
        await _b.PublishRetainedAsync(topic, Encoding.UTF8.GetBytes("""{"version":1,"reportIntervalSeconds":45}"""));
        var received = new ConcurrentQueue<string>();
        var fromB = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var publisher = Start("gw-config", p => p.Link.ConfigReceived += payload =>
        {
            var text = Encoding.UTF8.GetString(payload.ToArray());
            received.Enqueue(text);
            if (text.Contains("45", StringComparison.Ordinal)) fromB.TrySetResult();
        });
        await Eventually.HoldsAsync(() => !received.IsEmpty, "the configuration from A");

        await _a.StopAsync();

        await fromB.Task.WaitAsync(Bound);
        Assert.Equal(["""{"version":1,"reportIntervalSeconds":30}""", """{"version":1,"reportIntervalSeconds":45}"""], received);
        Assert.Equal(Address(_b), publisher.Link.Broker);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _publisher?.Dispose();
        await _outbox.DisposeAsync();
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
