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
/// brokers given (one broker in embedded mode, every silo's in a cluster). Like a gateway, a device always publishes on
/// the same connection (device <c>d</c> on connection <c>d % connections</c>), so its reports reach one broker; a
/// connection carries <c>devices / connections</c> devices (a service account may publish on any device's topic). Each
/// message is a QoS 1 report of 3 readings, as in the embedded ingest bench, numbered per device from run to run.
/// Two ways to drive it: <see cref="RunAsync"/> as fast as the acknowledgements come, with a fixed number of publishes
/// in flight per connection; <see cref="RunPacedAsync"/> at a fixed offered rate, every device once per interval.</summary>
internal sealed class SpreadLoad
{
    private readonly IReadOnlyList<int> _ports;
    private readonly IReadOnlyList<string> _districts;
    private readonly int _devices;
    private readonly int _connections;
    private readonly int _inFlight;
    private readonly long[] _sentOn;
    /// <summary>The next sequence number of each device.</summary>
    private readonly long[] _sequenceOf;
    private readonly DateTimeOffset _window = DateTimeOffset.UtcNow.AddMinutes(-1);
    private long _acknowledged;
    private long _failed;

    public SpreadLoad(IReadOnlyList<int> ports, IReadOnlyList<string> districts, int devices, int connections, int inFlight = 1)
    {
        if (devices < connections) throw new ArgumentException($"{devices} devices cannot fill {connections} connections");
        (_ports, _districts, _devices, _connections, _inFlight) = (ports, districts, devices, connections, inFlight);
        // Messages sent so far on each connection: the burst run cycles through a connection's devices with it.
        _sentOn = new long[connections];
        _sequenceOf = new long[devices];
    }

    public long Acknowledged => Interlocked.Read(ref _acknowledged);

    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Connects every connection, then publishes <paramref name="count"/> messages as fast as they are
    /// acknowledged and returns the time from the first publish to the last acknowledgement.</summary>
    public async Task<TimeSpan> RunAsync(long count)
    {
        var clients = await ConnectAllAsync();
        long issued = 0;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, _connections).SelectMany(c =>
            Enumerable.Range(0, _inFlight).Select(_ => Task.Run(async () =>
            {
                while (Interlocked.Increment(ref issued) <= count)
                {
                    // The connection's devices in turn: device c, c + connections, c + 2 connections ...
                    var n = Interlocked.Increment(ref _sentOn[c]) - 1;
                    var devicesHere = (_devices - c + _connections - 1) / _connections;
                    await PublishAsync(clients[c], c + (long)_connections * (n % devicesHere), _window, 60);
                }
            }))));
        var elapsed = Stopwatch.GetElapsedTime(started);
        await DisconnectAllAsync(clients);
        return elapsed;
    }

    /// <summary>Connects every connection, then has every device publish one report per <paramref name="interval"/>,
    /// device <c>d</c> at phase <c>d / devices</c> of it, so publishes leave evenly spaced at <c>devices / interval</c>
    /// a second whatever the acknowledgements do (a slow PUBACK delays no later publish). Each report covers the
    /// interval that ends when it is sent, as a gateway's does. After <paramref name="warmUp"/> from the first publish
    /// the measured window opens (<paramref name="windowOpens"/> runs then), and after <paramref name="measured"/> more
    /// it closes (<paramref name="windowCloses"/>); then publishing stops, and the publishes still waiting get up to
    /// <paramref name="drain"/> for their PUBACK.</summary>
    public async Task<PacedOutcome> RunPacedAsync(TimeSpan interval, TimeSpan warmUp, TimeSpan measured, TimeSpan drain,
        Func<Task> windowOpens, Func<Task> windowCloses)
    {
        if (interval.TotalSeconds is < 1 or > WireFormat.MaxWindowSeconds || interval.TotalSeconds % 1 != 0)
        {
            throw new ArgumentException($"the interval must be whole seconds, 1..{WireFormat.MaxWindowSeconds}");
        }
        var clients = await ConnectAllAsync();
        var ticksPerPublish = interval.TotalSeconds * Stopwatch.Frequency / _devices;
        // Every publish's times, by its number: slot i is device i % devices, its report i / devices.
        var samples = new Sample[(int)Math.Ceiling((warmUp + measured).TotalSeconds * Stopwatch.Frequency / ticksPerPublish) + _devices];
        long pending = 0;
        using var stop = new CancellationTokenSource();
        var start = Stopwatch.GetTimestamp();
        var issued = 0;
        var scheduler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested && issued < samples.Length)
            {
                var now = Stopwatch.GetTimestamp();
                for (; issued < samples.Length && start + (long)(issued * ticksPerPublish) <= now; issued++)
                {
                    var slot = issued;
                    samples[slot].Scheduled = start + (long)(slot * ticksPerPublish);
                    Interlocked.Increment(ref pending);
                    _ = Task.Run(async () =>
                    {
                        var device = slot % _devices;
                        samples[slot].Sent = Stopwatch.GetTimestamp();
                        samples[slot].Ok = await PublishAsync(clients[device % _connections], device, DateTimeOffset.UtcNow - interval, (int)interval.TotalSeconds);
                        samples[slot].Done = Stopwatch.GetTimestamp();
                        Interlocked.Decrement(ref pending);
                    });
                }
                var next = start + (long)(issued * ticksPerPublish) - Stopwatch.GetTimestamp();
                try
                {
                    await Task.Delay(TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, next * TimeSpan.TicksPerSecond / Stopwatch.Frequency)), stop.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });

        await UntilAsync(start, warmUp);
        var opened = Stopwatch.GetTimestamp();
        await windowOpens();
        await UntilAsync(start, warmUp + measured);
        var closed = Stopwatch.GetTimestamp();
        await windowCloses();
        await stop.CancelAsync();
        await scheduler;
        var drained = Stopwatch.StartNew();
        while (Interlocked.Read(ref pending) > 0 && drained.Elapsed < drain) await Task.Delay(100);
        var unanswered = Interlocked.Read(ref pending);
        // Only what was sent in the window counts for latency; whatever completed in it counts for the rate.
        var window = samples.Take(issued).Where(s => s.Scheduled >= opened && s.Scheduled < closed).ToList();
        var doneInWindow = samples.Take(issued).Where(s => s.Done >= opened && s.Done < closed).ToList();
        double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        var outcome = new PacedOutcome(
            Window: TimeSpan.FromSeconds((closed - opened) / (double)Stopwatch.Frequency),
            Offered: window.Count,
            Acknowledged: doneInWindow.Count(s => s.Ok),
            DueAcknowledged: window.Count(s => s.Done != 0 && s.Ok),
            DueFailed: window.Count(s => s.Done != 0 && !s.Ok),
            DueUnanswered: window.Count(s => s.Done == 0),
            UnansweredAtEnd: unanswered,
            PubackMs: [.. window.Where(s => s.Done != 0 && s.Ok).Select(s => Ms(s.Done - s.Sent))],
            SendLagMs: [.. window.Where(s => s.Sent != 0).Select(s => Ms(s.Sent - s.Scheduled))]);
        // A publish the drain gave up on still holds its client; it fails when the client goes.
        await DisconnectAllAsync(clients);
        return outcome;
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

    private async Task<IMqttClient[]> ConnectAllAsync()
    {
        var clients = new IMqttClient[_connections];
        await Parallel.ForAsync(0, _connections, new ParallelOptions { MaxDegreeOfParallelism = 32 },
            async (c, token) => clients[c] = await ConnectAsync(_ports[c % _ports.Count], $"bench-load-{c}", token));
        return clients;
    }

    private static async Task DisconnectAllAsync(IMqttClient[] clients)
    {
        foreach (var client in clients)
        {
            try
            {
                if (client.IsConnected) await client.DisconnectAsync();
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException)
            {
                // Cut off already: closed all the same.
            }
            client.Dispose();
        }
    }

    /// <summary>Waits until <paramref name="after"/> has passed since <paramref name="start"/>.</summary>
    private static async Task UntilAsync(long start, TimeSpan after)
    {
        var left = after - Stopwatch.GetElapsedTime(start);
        if (left > TimeSpan.Zero) await Task.Delay(left);
    }

    /// <summary>The device's next report, whose window starts at <paramref name="windowStart"/>; true once acknowledged.</summary>
    private async Task<bool> PublishAsync(IMqttClient client, long device, DateTimeOffset windowStart, int windowSeconds)
    {
        var sequence = Interlocked.Increment(ref _sequenceOf[device]) - 1;
        var id = $"silos-{device:D7}";
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(TopicAddress.Build(_districts[(int)(device % _districts.Count)], id, TopicKind.Telemetry))
            .WithPayload(WireFormat.Serialize(new Telemetry(1, id, sequence, windowStart, windowSeconds,
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
            return result.IsSuccess;
        }
        catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or ObjectDisposedException)
        {
            // Timed out or cut off: an overloaded deployment shows up as failures, not as a crashed benchmark.
            Interlocked.Increment(ref _failed);
            return false;
        }
    }

    private struct Sample
    {
        public long Scheduled;
        public long Sent;
        public long Done;
        public bool Ok;
    }
}

/// <summary>What a paced run measured over its window. <see cref="Offered"/> publishes were due in it;
/// <see cref="Acknowledged"/> counts the PUBACKs that came in it (whenever the publish was sent), so at a steady state
/// the acknowledged rate equals the offered one. What became of the publishes due in the window, by the end of the
/// drain: <see cref="DueAcknowledged"/>, <see cref="DueFailed"/> (refused, timed out or cut off) and
/// <see cref="DueUnanswered"/> (still waiting when the drain gave up).</summary>
internal sealed record PacedOutcome(TimeSpan Window, int Offered, int Acknowledged, int DueAcknowledged, int DueFailed, int DueUnanswered, long UnansweredAtEnd,
    IReadOnlyList<double> PubackMs, IReadOnlyList<double> SendLagMs)
{
    public double OfferedRate => Offered / Window.TotalSeconds;

    public double AchievedRate => Acknowledged / Window.TotalSeconds;
}
