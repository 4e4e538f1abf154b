using System.Diagnostics;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Bench.Silos;

/// <summary>The same load whatever the deployment: <c>connections</c> MQTT connections dealt round-robin over the
/// brokers given (one broker in embedded mode, every silo's in a cluster), each with a fixed number of QoS 1 publishes
/// in flight, as fast as the acknowledgements come. Like a gateway, a device always publishes on the same connection,
/// so its reports reach one broker; a connection carries <c>devices / connections</c> devices (a service account may
/// publish on any device's topic). Each message is a 3-reading report, as in the embedded ingest bench.</summary>
internal sealed class SpreadLoad
{
    private readonly IReadOnlyList<int> _ports;
    private readonly IReadOnlyList<string> _districts;
    private readonly int _devices;
    private readonly int _connections;
    private readonly int _inFlight;
    private readonly long[] _sentOn;
    private readonly DateTimeOffset _window = DateTimeOffset.UtcNow.AddMinutes(-1);
    private long _acknowledged;
    private long _failed;

    public SpreadLoad(IReadOnlyList<int> ports, IReadOnlyList<string> districts, int devices, int connections, int inFlight)
    {
        if (devices < connections) throw new ArgumentException($"{devices} devices cannot fill {connections} connections");
        (_ports, _districts, _devices, _connections, _inFlight) = (ports, districts, devices, connections, inFlight);
        // Messages sent so far on each connection; they number its devices' reports on from run to run.
        _sentOn = new long[connections];
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Connects every connection, then publishes <paramref name="count"/> messages and returns the time from the
    /// first publish to the last acknowledgement.</summary>
    public async Task<TimeSpan> RunAsync(long count)
    {
        var clients = new IMqttClient[_connections];
        await Parallel.ForAsync(0, _connections, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (c, token) => clients[c] = await ConnectAsync(_ports[c % _ports.Count], $"bench-load-{c}", token));
        long issued = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, _connections).SelectMany(c =>
            Enumerable.Range(0, _inFlight).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref issued) <= count) await PublishAsync(clients[c], c);
            }))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        foreach (var client in clients)
        {
            if (client.IsConnected) await client.DisconnectAsync();
            client.Dispose();
        }
        return elapsed;
    }

    public static async Task<IMqttClient> ConnectAsync(int port, string clientId, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithCredentials(Deployment.ServiceUser, Deployment.ServicePassword)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(60)).Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"bench connection refused: {result.ResultCode}");
        return client;
    }

    private async Task PublishAsync(IMqttClient client, int connection)
    {
        var n = Interlocked.Increment(ref _sentOn[connection]) - 1;
        var devicesHere = (_devices - connection + _connections - 1) / _connections;
        var device = connection + (long)_connections * (n % devicesHere);
        var id = $"silos-{device:D7}";
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(TopicAddress.Build(_districts[(int)(device % _districts.Count)], id, TopicKind.Telemetry))
            .WithPayload(WireFormat.Serialize(new Telemetry(1, id, n / devicesHere, _window, 60,
            [
                Reading.Of(Quantity.Pm2_5, 20 + device % 50, Quality.Ok, "bench"),
                Reading.Of(Quantity.Noise, 55 + device % 10, Quality.Ok, "bench"),
                Reading.Of(Quantity.Temperature, 15 + device % 10, Quality.Ok, "bench"),
            ])))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        try
        {
            var result = await client.PublishAsync(message);
            Interlocked.Increment(ref result.IsSuccess ? ref _acknowledged : ref _failed);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Timed out or cut off: an overloaded deployment shows up as failures, not as a crashed benchmark.
            Interlocked.Increment(ref _failed);
        }
    }
}
