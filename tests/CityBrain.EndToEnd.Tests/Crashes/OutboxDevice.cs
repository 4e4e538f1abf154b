using System.Collections.Concurrent;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.EndToEnd.Tests.Crashes;

/// <summary>One planned report: its sequence and payload never change, however often it is sent.</summary>
public sealed class PlannedReport
{
    public PlannedReport(string deviceId, long sequence, DateTimeOffset windowStart, IReadOnlyList<Reading> readings)
        : this(sequence, windowStart, readings, WireFormat.Serialize(new Telemetry(Telemetry.CurrentVersion, deviceId, sequence, windowStart, 60, readings)))
    {
    }

    private PlannedReport(long sequence, DateTimeOffset windowStart, IReadOnlyList<Reading> readings, byte[] payload)
    {
        Sequence = sequence;
        WindowStart = windowStart;
        Readings = readings;
        Payload = payload;
    }

    /// <summary>A report someone else composed, e.g. one left in a gateway's outbox.</summary>
    public static PlannedReport Composed(long sequence, DateTimeOffset windowStart, byte[] payload) => new(sequence, windowStart, [], payload);

    public long Sequence { get; }

    public DateTimeOffset WindowStart { get; }

    public IReadOnlyList<Reading> Readings { get; }

    public byte[] Payload { get; }

    private int _acknowledged;
    private int _attempts;

    /// <summary>Whether a PUBACK with a success code came back for it.</summary>
    public bool Acknowledged => Volatile.Read(ref _acknowledged) == 1;

    public int Attempts => Volatile.Read(ref _attempts);

    internal void Attempted() => Interlocked.Increment(ref _attempts);

    internal void Acknowledge() => Volatile.Write(ref _acknowledged, 1);
}

/// <summary>A device that behaves as a gateway's outbox does: every report is sent at QoS 1 until a PUBACK with a
/// success code comes back, with the same sequence and the same bytes each time, through broken connections and
/// restarts of the broker. Every PUBACK's reason code is recorded.</summary>
/// <param name="ports">The brokers it may use: it starts on one picked by its id and moves to the next whenever a
/// connection fails or breaks, as a gateway with several endpoints does.</param>
/// <param name="password">The device's password; by default the one derived from the test host's fleet secret.</param>
public sealed class OutboxDevice(IReadOnlyList<int> ports, string district, string deviceId, IEnumerable<PlannedReport> planned, string? password = null)
    : IReportingDevice
{
    public OutboxDevice(int port, string district, string deviceId, IEnumerable<PlannedReport> planned, string? password = null)
        : this([port], district, deviceId, planned, password)
    {
    }

    private readonly List<PlannedReport> reports = [.. planned];
    private int _port = (int)((uint)StringComparer.Ordinal.GetHashCode(deviceId) % (uint)ports.Count);
    private readonly ConcurrentDictionary<string, int> _outcomes = new();
    private readonly ConcurrentQueue<PlannedReport> _again = new();
    private readonly Lock _gate = new();
    private int _acknowledged;
    private int _sentAgain;
    private int _publishes;
    private bool _finished;

    public string DeviceId => deviceId;

    public string District => district;

    public IReadOnlyList<PlannedReport> Reports => reports;

    public int Acknowledged => Volatile.Read(ref _acknowledged);

    public bool Done => Acknowledged == reports.Count;

    /// <summary>More reports for the next <see cref="RunAsync"/>; only while it does not run.</summary>
    public void Add(IEnumerable<PlannedReport> more)
    {
        lock (_gate)
        {
            if (!_finished && Publishes > 0) throw new InvalidOperationException("reports are added between runs");
            reports.AddRange(more);
        }
    }

    /// <summary>Publishes that went out (first sends and resends).</summary>
    public int Publishes => Volatile.Read(ref _publishes);

    /// <summary>Reports sent more than once before their first PUBACK came.</summary>
    public int Resent => reports.Count(r => r.Attempts > 1);

    /// <summary>Acknowledged reports sent once more (see <see cref="SendAgain"/>), each acknowledged again.</summary>
    public int SentAgain => Volatile.Read(ref _sentAgain);

    /// <summary>How each publish ended: a PUBACK reason code, or the exception that cut it off.</summary>
    public IReadOnlyDictionary<string, int> Outcomes => _outcomes;

    /// <summary>The PUBACK reason codes that mean the cluster took the report (as the gateway's pump counts them).</summary>
    public static bool Delivered(MqttClientPublishReasonCode code) =>
        code is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers;

    /// <summary>Sends the newest <paramref name="count"/> acknowledged reports once more, as a gateway does whose
    /// outbox lost the deletes of its last acknowledgements in a power cut. Returns how many it will send: none once
    /// the device finished.</summary>
    public int SendAgain(int count)
    {
        lock (_gate)
        {
            if (_finished) return 0;
            var newest = reports.Where(r => r.Acknowledged).TakeLast(count).ToList();
            foreach (var report in newest) _again.Enqueue(report);
            return newest.Count;
        }
    }

    /// <summary>Sends until every report is acknowledged, oldest first, one publish in flight, <paramref name="pace"/>
    /// apart, a first send only while <paramref name="limit"/> is not reached. A lost connection is opened again as soon
    /// as the broker answers.</summary>
    public async Task RunAsync(TimeSpan pace, CancellationToken cancellationToken, PublishLimit? limit = null)
    {
        IMqttClient? client = null;
        lock (_gate) _finished = false;
        try
        {
            while (true)
            {
                lock (_gate)
                {
                    if (Done && _again.IsEmpty)
                    {
                        _finished = true;
                        break;
                    }
                }
                cancellationToken.ThrowIfCancellationRequested();
                if (client is not { IsConnected: true })
                {
                    client?.Dispose();
                    client = await ConnectAsync(cancellationToken);
                    if (client is null)
                    {
                        await Task.Delay(100, cancellationToken);
                        continue;
                    }
                }
                var again = _again.TryPeek(out var repeat);
                if (!again && limit is { Reached: true })
                {
                    await Task.Delay(20, cancellationToken);
                    continue;
                }
                var next = again ? repeat! : reports.First(r => !r.Acknowledged);
                Interlocked.Increment(ref _publishes);
                if (!again) next.Attempted();
                MqttClientPublishResult result;
                try
                {
                    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    timeout.CancelAfter(TimeSpan.FromSeconds(20));
                    result = await client.PublishAsync(new MqttApplicationMessageBuilder()
                        .WithTopic(TopicAddress.Build(district, deviceId, TopicKind.Telemetry))
                        .WithPayload(next.Payload)
                        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                        .Build(), timeout.Token);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
                {
                    // Cut off in flight: the report may or may not be journalled; it goes again on a new connection.
                    Count(ex.GetType().Name);
                    client.Dispose();
                    client = null;
                    NextPort();
                    continue;
                }
                Count((again ? "again " : "") + result.ReasonCode);
                if (Delivered(result.ReasonCode) && again)
                {
                    _again.TryDequeue(out _);
                    Interlocked.Increment(ref _sentAgain);
                }
                else if (Delivered(result.ReasonCode))
                {
                    next.Acknowledge();
                    Interlocked.Increment(ref _acknowledged);
                }
                else
                {
                    // "Not now" (the host starting or stopping): sent again shortly, as the gateway's pump does.
                    await Task.Delay(200, cancellationToken);
                }
                if (pace > TimeSpan.Zero) await Task.Delay(pace, cancellationToken);
            }
            if (client is { IsConnected: true })
            {
                try
                {
                    await client.DisconnectAsync();
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // The reports are all acknowledged; a goodbye that fails changes nothing.
                }
            }
        }
        finally
        {
            lock (_gate) _finished = true;
            client?.Dispose();
        }
    }

    /// <summary>The broker it uses now.</summary>
    public int Port => ports[Volatile.Read(ref _port)];

    /// <summary>How often it moved to another broker.</summary>
    public int Failovers { get; private set; }

    private void NextPort()
    {
        if (ports.Count == 1) return;
        Volatile.Write(ref _port, (_port + 1) % ports.Count);
        Failovers++;
    }

    private async Task<IMqttClient?> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Port)
            .WithClientId(deviceId)
            .WithCredentials(deviceId, password ?? DerivedPassword.For(HostProcess.FleetSecret, deviceId))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart()
            .WithTimeout(TimeSpan.FromSeconds(10))
            .Build();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            var result = await client.ConnectAsync(options, timeout.Token);
            if (result.ResultCode == MqttClientConnectResultCode.Success) return client;
            Count("connect " + result.ResultCode);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException && !cancellationToken.IsCancellationRequested)
        {
            // The host is down or still starting: the next attempt tries the next broker.
        }
        client.Dispose();
        NextPort();
        return null;
    }

    private void Count(string outcome) => _outcomes.AddOrUpdate(outcome, 1, (_, n) => n + 1);

    public static Reading Value(Quantity quantity, double value) => Reading.Of(quantity, value, Quality.Ok, "crash-test");
}
