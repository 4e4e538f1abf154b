using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Simulators.Fleet.Gateways;
using CityBrain.Simulators.Fleet.Reporting;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;

namespace CityBrain.Simulators.Fleet.Uplinks;

/// <summary>Batched mode for ingest benchmarks: the reports of many gateways packed into a few connections that log in
/// with a privileged service account (which the broker lets publish on every device's topic), each connection keeping
/// up to <c>inFlight</c> QoS 1 publishes outstanding. Gateways keep their own topics, payloads and sequence numbers, so
/// the cluster does the same work per report as for real gateways, without ten thousand sockets on the load side.</summary>
public sealed class SharedConnectionPool : IUplinkFactory
{
    private readonly BrokerEndpoint _broker;
    private readonly MqttCredentials _account;
    private readonly FleetLedger _ledger;
    private readonly long _firstSequence;
    private readonly TimeProvider _time;
    private readonly Connection[] _connections;

    /// <param name="time">The simulated clock: the health's last publish is a time of the simulated day.</param>
    public SharedConnectionPool(
        BrokerEndpoint broker, MqttCredentials serviceAccount, int connections, int inFlight, string clientIdPrefix, long firstSequence, FleetLedger ledger,
        TimeProvider time)
    {
        _time = time;
        _firstSequence = firstSequence;
        ArgumentOutOfRangeException.ThrowIfLessThan(connections, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inFlight, 1);
        _broker = broker;
        _account = serviceAccount;
        _ledger = ledger;
        _connections = Enumerable.Range(0, connections).Select(i => new Connection($"{clientIdPrefix}-shared-{i}", inFlight)).ToArray();
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var connection in _connections)
        {
            if (await ConnectAsync(connection, cancellationToken) is { } refusal)
            {
                throw new InvalidOperationException($"the shared connection {connection.ClientId} as '{_account.UserName}' was refused: {refusal}");
            }
        }
    }

    public IGatewayUplink Create(GatewaySite site) => new PooledUplink(this, site, _connections[(int)(site.Key % (ulong)_connections.Length)]);

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            if (connection.Client.IsConnected) await connection.Client.DisconnectAsync();
            connection.Client.Dispose();
        }
    }

    /// <summary>Publishes on the shared connection, connecting it first if it is down.</summary>
    private async Task<DeliveryOutcome> PublishAsync(Connection connection, string topic, byte[] payload, CancellationToken cancellationToken)
    {
        await connection.InFlight.WaitAsync(cancellationToken);
        try
        {
            if (!connection.Client.IsConnected && await ConnectAsync(connection, cancellationToken) is { } problem)
            {
                return new DeliveryOutcome(DeliveryStatus.NotSent, $"shared connection down: {problem}");
            }
            return await MqttPublishing.PublishAsync(connection.Client, topic, payload, _broker.Timeout, cancellationToken);
        }
        finally
        {
            connection.InFlight.Release();
        }
    }

    /// <summary>Connects once (several publishers may find it down at the same time); null on success, else why not.</summary>
    private async Task<string?> ConnectAsync(Connection connection, CancellationToken cancellationToken)
    {
        await connection.Connecting.WaitAsync(cancellationToken);
        try
        {
            if (connection.Client.IsConnected) return null;
            var result = await connection.Client.ConnectAsync(_broker.Connection()
                .WithClientId(connection.ClientId)
                .WithCredentials(_account.UserName, _account.Password)
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithTimeout(_broker.Timeout)
                .Build(), cancellationToken);
            if (result.ResultCode == MqttClientConnectResultCode.Success) return null;
            _ledger.Counters.LinkProblem($"{connection.ClientId}: {result.ResultCode}");
            return result.ResultCode.ToString();
        }
        catch (MqttCommunicationException ex)
        {
            _ledger.Counters.LinkProblem($"{connection.ClientId}: {ex.Message}");
            return ex.Message;
        }
        finally
        {
            connection.Connecting.Release();
        }
    }

    private sealed class Connection(string clientId, int inFlight)
    {
        public string ClientId { get; } = clientId;
        public IMqttClient Client { get; } = new MqttClientFactory().CreateMqttClient();
        public SemaphoreSlim InFlight { get; } = new(inFlight, inFlight);
        public SemaphoreSlim Connecting { get; } = new(1, 1);
    }

    /// <summary>A gateway's view of the pool. Offline means its reports are produced but not published, as for a direct
    /// gateway without an outbox, while the shared connection stays up for the others.</summary>
    private sealed class PooledUplink(SharedConnectionPool pool, GatewaySite site, Connection connection) : IGatewayUplink
    {
        private readonly PayloadNumbering _numbering = new(pool._firstSequence);
        private readonly NoOutboxTally _tally = new(pool._time);
        private bool _offline;

        public bool IsConnected => !_offline && connection.Client.IsConnected;

        public Task<bool> OpenAsync(CancellationToken cancellationToken)
        {
            _offline = false;
            return Task.FromResult(true);
        }

        public async Task DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
        {
            var payload = _numbering.Payload(message);
            var outcome = _offline ? DeliveryOutcome.OfflineWithoutOutbox : await pool.PublishAsync(connection, message.Topic, payload, cancellationToken);
            _tally.Record(message, outcome);
            pool._ledger.Delivered(site, message, outcome, payload.Length);
        }

        public async Task<bool> PublishHealthAsync(Func<UplinkState, Health> health, CancellationToken cancellationToken)
        {
            if (!IsConnected) return false;
            var payload = WireFormat.Serialize(health(new UplinkState(pool._broker.ToString(), Failovers: 0, _tally.Snapshot(_numbering.Next))));
            return (await pool.PublishAsync(connection, site.HealthTopic, payload, cancellationToken)).Status == DeliveryStatus.Acknowledged;
        }

        public Task DropAsync()
        {
            _offline = true;
            pool._ledger.Dropped();
            return Task.CompletedTask;
        }

        public Task CloseAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
