using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace CityBrain.Ingest.Metrics;

/// <summary>What ingest did, as counters for the operations page and as OpenTelemetry instruments.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "CityBrain.Ingest";
    private readonly Counter<long> _messages;
    private readonly Counter<long> _readings;
    private readonly ConcurrentDictionary<string, long> _rejectedByKind = new(StringComparer.Ordinal);
    private long _received, _accepted, _duplicates, _rejected, _failed, _readingsAccepted, _refused, _authFailures, _connections,
        _passwordChecks, _passwordsRecognised, _loginsThrottled, _oversizedPackets, _connectionsRefused, _sessionTakeovers,
        _subscriberDrops, _sitesRefused;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("citybrain.ingest.messages", description: "Telemetry messages by outcome");
        _readings = meter.CreateCounter<long>("citybrain.ingest.readings", description: "Readings accepted");
        meter.CreateObservableGauge("citybrain.broker.connections", () => Interlocked.Read(ref _connections));
    }

    public void Received() => Interlocked.Increment(ref _received);

    public void Accepted(int readings)
    {
        Interlocked.Increment(ref _accepted);
        Interlocked.Add(ref _readingsAccepted, readings);
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", "accepted"));
        _readings.Add(readings);
    }

    public void Duplicate()
    {
        Interlocked.Increment(ref _duplicates);
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", "duplicate"));
    }

    public void Rejected(string kind)
    {
        Interlocked.Increment(ref _rejected);
        _rejectedByKind.AddOrUpdate(kind, 1, (_, n) => n + 1);
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", "rejected"), new KeyValuePair<string, object?>("kind", kind));
    }

    public void Failed()
    {
        Interlocked.Increment(ref _failed);
        _messages.Add(1, new KeyValuePair<string, object?>("outcome", "failed"));
    }

    /// <summary>A publish or subscribe the topic ACL refused.</summary>
    public void Refused() => Interlocked.Increment(ref _refused);

    public void AuthenticationFailed() => Interlocked.Increment(ref _authFailures);

    /// <summary>A full PBKDF2 password check, the expensive part of a login.</summary>
    public void PasswordChecked() => Interlocked.Increment(ref _passwordChecks);

    /// <summary>A login let in by a recently verified password, without PBKDF2.</summary>
    public void PasswordRecognised() => Interlocked.Increment(ref _passwordsRecognised);

    /// <summary>A login refused unchecked because its device id or address failed too often lately.</summary>
    public void LoginThrottled() => Interlocked.Increment(ref _loginsThrottled);

    /// <summary>A connection closed because a packet announced more than Broker:MaxPacketBytes.</summary>
    public void OversizedPacket() => Interlocked.Increment(ref _oversizedPackets);

    /// <summary>A connection closed at accept because its address had too many open or too many new connections.</summary>
    public void ConnectionRefused() => Interlocked.Increment(ref _connectionsRefused);

    /// <summary>A device's session taken over by a new connection with its client id.</summary>
    public void SessionTakenOver() => Interlocked.Increment(ref _sessionTakeovers);

    /// <summary>A queued message dropped for a subscriber that read too slowly (Broker:MaxPendingMessagesPerClient).</summary>
    public void SubscriberMessageDropped() => Interlocked.Increment(ref _subscriberDrops);

    /// <summary>A health report whose site, or its position, was left out (<see cref="Pipeline.SiteCheck"/>).</summary>
    public void SiteRefused() => Interlocked.Increment(ref _sitesRefused);

    public void Connected() => Interlocked.Increment(ref _connections);

    public void Disconnected() => Interlocked.Decrement(ref _connections);

    public IngestCounters Snapshot() => new(
        Interlocked.Read(ref _received), Interlocked.Read(ref _accepted), Interlocked.Read(ref _readingsAccepted),
        Interlocked.Read(ref _duplicates), Interlocked.Read(ref _rejected), Interlocked.Read(ref _failed),
        Interlocked.Read(ref _refused), Interlocked.Read(ref _authFailures), Interlocked.Read(ref _connections),
        new Dictionary<string, long>(_rejectedByKind),
        new BrokerDefenceCounters(
            Interlocked.Read(ref _passwordChecks), Interlocked.Read(ref _passwordsRecognised), Interlocked.Read(ref _loginsThrottled),
            Interlocked.Read(ref _oversizedPackets), Interlocked.Read(ref _connectionsRefused)),
        Interlocked.Read(ref _sessionTakeovers),
        Interlocked.Read(ref _subscriberDrops),
        Interlocked.Read(ref _sitesRefused));
}

public sealed record IngestCounters(
    long Received,
    long Accepted,
    long ReadingsAccepted,
    long Duplicates,
    long Rejected,
    long Failed,
    long RefusedByAcl,
    long AuthenticationFailures,
    long Connections,
    IReadOnlyDictionary<string, long> RejectedByKind,
    BrokerDefenceCounters Defence,
    long SessionTakeovers,
    long SubscriberMessagesDropped,
    long SitesRefused);

/// <summary>What the broker did against abuse: how many logins cost a PBKDF2 run, how many were let in from the
/// verified-password cache or refused unchecked, and how many connections were cut at the transport.</summary>
public sealed record BrokerDefenceCounters(
    long PasswordChecks,
    long PasswordsRecognised,
    long LoginsThrottled,
    long OversizedPackets,
    long ConnectionsRefused);
