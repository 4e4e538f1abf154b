using System.Collections.Concurrent;
using System.Net;

namespace CityBrain.Ingest.Broker;

/// <summary>A device whose session keeps being taken over: two gateways connect with one device id (a cloned SD card,
/// or two provisioned alike) and each new connection throws the other out.</summary>
/// <param name="DeviceId">The id both use.</param>
/// <param name="Takeovers">Take-overs within <see cref="SessionTakeovers.Window"/> up to the latest.</param>
/// <param name="Addresses">The remote addresses of the latest take-over: the connection that took the session, then the one it threw out.</param>
public sealed record SessionConflict(string DeviceId, int Takeovers, IReadOnlyList<string> Addresses, DateTimeOffset First, DateTimeOffset Latest);

/// <summary>Counts the session take-overs of each device on this node's broker and tells when one device's session is
/// taken over repeatedly in a short time. One take-over is normal (a gateway reconnecting before the broker noticed the
/// old connection died, or a technician's <c>citybrain-edge provision</c> or <c>check</c>); <see cref="Repeated"/> within
/// <see cref="Window"/> is not.</summary>
public sealed class SessionTakeovers(TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    public const int Repeated = 3;

    /// <summary>Conflicts kept for operators at most; a fleet of clones must not grow this without bound.</summary>
    private const int Capacity = 1000;

    private readonly ConcurrentDictionary<string, EndPoint?> _connecting = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, History> _histories = new(StringComparer.Ordinal);

    /// <summary>A device passed authentication from <paramref name="remote"/>; if it already has a session here, the
    /// take-over that follows is this connection's doing.</summary>
    public void Connecting(string deviceId, EndPoint? remote) => _connecting[deviceId] = remote;

    /// <summary>The session of <paramref name="deviceId"/> connected from <paramref name="previous"/> was taken over.
    /// Returns the conflict when an operator should be told: the first time it makes <see cref="Repeated"/> within
    /// <see cref="Window"/>, and again only once a whole window passed since (one line, not one per take-over).</summary>
    public SessionConflict? TakenOver(string deviceId, EndPoint? previous)
    {
        var now = time.GetUtcNow();
        _connecting.TryGetValue(deviceId, out var next);
        if (!_histories.ContainsKey(deviceId) && _histories.Count >= Capacity) Forget(now);
        var history = _histories.GetOrAdd(deviceId, _ => new History());
        lock (history)
        {
            history.Add(now, previous?.ToString(), next?.ToString());
            return history.Conflict(deviceId, now) is { } conflict && history.Warn(now) ? conflict : null;
        }
    }

    /// <summary>Devices whose session was taken over repeatedly within the last <see cref="Window"/>, latest first.</summary>
    public IReadOnlyList<SessionConflict> Conflicts()
    {
        var now = time.GetUtcNow();
        var conflicts = new List<SessionConflict>();
        foreach (var (device, history) in _histories)
        {
            lock (history)
            {
                if (history.Conflict(device, now) is { } conflict) conflicts.Add(conflict);
            }
        }
        return [.. conflicts.OrderByDescending(c => c.Latest)];
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (device, history) in _histories)
        {
            lock (history)
            {
                if (history.IsQuiet(now)) _histories.TryRemove(device, out _);
            }
        }
    }

    private sealed class History
    {
        private readonly Queue<DateTimeOffset> _times = new();
        private readonly List<string> _addresses = [];
        private DateTimeOffset _warned = DateTimeOffset.MinValue;

        public bool Warn(DateTimeOffset now)
        {
            if (now - _warned < Window) return false;
            _warned = now;
            return true;
        }

        public void Add(DateTimeOffset at, string? previous, string? next)
        {
            _times.Enqueue(at);
            _addresses.Clear();
            if (next is not null) _addresses.Add(next);
            if (previous is not null) _addresses.Add(previous);
        }

        public SessionConflict? Conflict(string device, DateTimeOffset now)
        {
            Prune(now);
            return _times.Count >= Repeated ? new SessionConflict(device, _times.Count, [.. _addresses], _times.Peek(), _times.Last()) : null;
        }

        public bool IsQuiet(DateTimeOffset now)
        {
            Prune(now);
            return _times.Count == 0;
        }

        private void Prune(DateTimeOffset now)
        {
            while (_times.Count > 0 && now - _times.Peek() > Window) _times.Dequeue();
        }
    }
}
