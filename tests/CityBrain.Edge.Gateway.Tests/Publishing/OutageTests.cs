using CityBrain.Edge.Outbox;
using CityBrain.Edge.Publishing;
using CityBrain.Edge.Gateway.Tests.Support;
using CityBrain.Edge.Testing;
using Microsoft.Data.Sqlite;
using MQTTnet.Protocol;

namespace CityBrain.Edge.Gateway.Tests.Publishing;

/// <summary>The publishing path (outbox, pump, link) against a real broker that goes away and comes back.</summary>
public sealed class OutageTests : IAsyncLifetime
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private readonly TempDirectory _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private TestBroker _broker = null!;
    private SqliteOutbox _outbox = null!;
    private GatewayPublisher _publisher = null!;
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _outbox = Reports.Open(_dir.File("outbox.db"));
        _publisher = Publishers.Create(_outbox, Publishers.Link(_broker));
        _running = _publisher.RunAsync(_stop.Token);
    }

    private Task<long> ProduceAsync(int window) => _publisher.PublishAsync(Reports.Start.AddMinutes(window), Minute, Reports.Readings(20 + window % 7), CancellationToken.None);

    /// <summary>The reports of the first <paramref name="windows"/> windows, one after another; their sequences.</summary>
    private async Task<List<long>> ProduceWindowsAsync(int windows)
    {
        var sequences = new List<long>();
        for (var i = 0; i < windows; i++) sequences.Add(await ProduceAsync(i));
        return sequences;
    }

    [Fact]
    public async Task Every_report_made_during_an_outage_arrives_exactly_once_in_order_after_it()
    {
        const int reports = 400;
        var producing = Task.Run(async () =>
        {
            for (var i = 0; i < reports; i++)
            {
                await ProduceAsync(i);
                await Task.Delay(5);
            }
        });
        await Eventually.HoldsAsync(() => _broker.Telemetry.Count >= 50, "reports before the outage");

        await _broker.StopAsync();
        var atOutage = _broker.FirstArrivals().Count;
        await Eventually.HoldsAsync(async () => (await _publisher.Outbox.BacklogAsync()).Depth >= 100, "a backlog building up during the outage");
        await _broker.StartAgainAsync();
        await producing;
        await Eventually.HoldsAsync(() => _broker.FirstArrivals().Count == reports, "every report after the outage");

        // What the cluster keeps after dropping duplicates by sequence: every report once, in the order made.
        var first = _broker.FirstArrivals()[0];
        Assert.Equal(Enumerable.Range(0, reports).Select(i => first + i), _broker.FirstArrivals());
        Assert.True(atOutage < reports - 100, "the outage should have come while reports were still being made");
        Assert.All(_broker.Telemetry, t => Assert.Equal(Reports.Start.AddMinutes(t.Sequence - first), t.Timestamp));
        await Eventually.HoldsAsync(async () => (await _publisher.Outbox.BacklogAsync()).Depth == 0, "the outbox drained");
        Assert.Equal(2, _publisher.Link.Connects);
    }

    [Fact]
    public async Task A_report_refused_for_good_is_set_aside_and_counted_and_the_rest_keep_flowing()
    {
        _broker.Refuse(Reports.Start.AddMinutes(1), MqttPubAckReasonCode.PayloadFormatInvalid);
        _broker.Refuse(Reports.Start.AddMinutes(2), MqttPubAckReasonCode.NotAuthorized);
        var sequences = await ProduceWindowsAsync(5);

        await Eventually.HoldsAsync(() => _broker.FirstArrivals().Count == 3, "the reports that were not refused");
        await Eventually.HoldsAsync(async () => (await _publisher.Outbox.BacklogAsync()).Depth == 0, "nothing left waiting");

        Assert.Equal([sequences[0], sequences[3], sequences[4]], _broker.FirstArrivals());
        Assert.Equal(2, (await _publisher.Outbox.BacklogAsync()).Refused);
        Assert.Equal(2, _publisher.Pump.Refused);
    }

    [Fact]
    public async Task A_report_the_broker_cannot_take_now_is_sent_again_until_it_can()
    {
        _broker.Refuse(Reports.Start.AddMinutes(2), MqttPubAckReasonCode.QuotaExceeded);
        var sequences = await ProduceWindowsAsync(5);
        await Eventually.HoldsAsync(() => _broker.FirstArrivals().Count == 4, "the reports around the refused one");
        await Task.Delay(300);
        Assert.DoesNotContain(sequences[2], _broker.FirstArrivals());
        Assert.Equal(1, (await _publisher.Outbox.BacklogAsync()).Depth);

        _broker.Accept(Reports.Start.AddMinutes(2));

        await Eventually.HoldsAsync(() => _broker.FirstArrivals().Contains(sequences[2]), "the refused report once the broker takes it");
        Assert.Equal(0, (await _publisher.Outbox.BacklogAsync()).Refused);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _publisher.Dispose();
        await _outbox.DisposeAsync();
        await _broker.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
