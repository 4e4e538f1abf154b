using System.Diagnostics;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Bench.Cluster;

/// <summary>Many devices' reports packed into a few connections (a service account may publish on every device's
/// topic), each connection keeping a fixed number of QoS 1 publishes in flight. Optionally paced to a rate.</summary>
internal sealed class LoadGenerator(int port, IReadOnlyList<string> districts, int devices, int connections, int inFlight)
{
    private long _acknowledged;
    private long _failed;
    private long _nextMessage;

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>When the last run's connections were all up and its first publish went out (a Stopwatch timestamp).</summary>
    public long StartedAt { get; private set; }

    /// <summary>Publishes until <paramref name="stop"/> fires or <paramref name="count"/> more messages went out,
    /// numbering on from the previous run so that no device repeats a sequence; with <paramref name="ratePerSecond"/>
    /// the publishes are paced, otherwise they go as fast as acknowledgements allow. Returns when all are answered.</summary>
    public async Task RunAsync(long count, double? ratePerSecond, CancellationToken stop)
    {
        var clients = new List<IMqttClient>();
        for (var c = 0; c < connections; c++) clients.Add(await ConnectAsync(port, $"load-{c}", stop));
        var first = Interlocked.Read(ref _nextMessage);
        var limit = count == long.MaxValue ? long.MaxValue : first + count;
        StartedAt = Stopwatch.GetTimestamp();
        var workers = clients.SelectMany(client => Enumerable.Range(0, inFlight).Select(_ => WorkAsync(client, first, limit, ratePerSecond, stop)));
        await Task.WhenAll(workers);
        // Workers that found the run complete still drew a number; the next run starts right after this one's last.
        Volatile.Write(ref _nextMessage, Math.Min(Volatile.Read(ref _nextMessage), limit));
        foreach (var client in clients)
        {
            if (client.IsConnected) await client.DisconnectAsync();
            client.Dispose();
        }
    }

    public static async Task<IMqttClient> ConnectAsync(int port, string clientId, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var result = await client.ConnectAsync(new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port).WithClientId(clientId)
            .WithCredentials(BenchHost.ServiceUser, BenchHost.ServicePassword)
            .WithProtocolVersion(MqttProtocolVersion.V500).WithTimeout(TimeSpan.FromSeconds(60)).Build(), cancellationToken);
        if (result.ResultCode != MqttClientConnectResultCode.Success) throw new InvalidOperationException($"bench connection refused: {result.ResultCode}");
        return client;
    }

    public static MqttApplicationMessage Message(string district, string device, long sequence, DateTimeOffset window, params Reading[] readings) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(TopicAddress.Build(district, device, TopicKind.Telemetry))
            .WithPayload(WireFormat.Serialize(new Telemetry(1, device, sequence, window, 60, readings)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    private async Task WorkAsync(IMqttClient client, long first, long limit, double? rate, CancellationToken stop)
    {
        var window = DateTimeOffset.UtcNow.AddMinutes(-1);
        while (!stop.IsCancellationRequested)
        {
            var n = Interlocked.Increment(ref _nextMessage) - 1;
            if (n >= limit) return;
            if (rate is { } r)
            {
                var due = TimeSpan.FromSeconds((n - first) / r) - Stopwatch.GetElapsedTime(StartedAt);
                if (due > TimeSpan.Zero) await Task.Delay(due, stop).ContinueWith(_ => { }, TaskScheduler.Default);
            }
            var device = n % devices;
            var message = Message(districts[(int)(device % districts.Count)], $"bench-{device:D7}", n / devices, window,
                Reading.Of(Quantity.Pm2_5, 20 + device % 50, Quality.Ok, "bench"),
                Reading.Of(Quantity.Noise, 55 + device % 10, Quality.Ok, "bench"),
                Reading.Of(Quantity.Temperature, 15 + device % 10, Quality.Ok, "bench"));
            try
            {
                var result = await client.PublishAsync(message, stop);
                if (result.IsSuccess) Interlocked.Increment(ref _acknowledged);
                else Interlocked.Increment(ref _failed);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Timed out or cut off: an overloaded host shows up as failures, not as a crashed benchmark.
                Interlocked.Increment(ref _failed);
            }
        }
    }
}
