using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Broker;

/// <summary>Slows failed logins per device id and per source address: after an allowance of failures, further attempts
/// are refused for a delay that doubles with each failure, without a password check, so a storm of wrong passwords
/// costs no PBKDF2 time. Unknown ids are throttled exactly like known ones, so the throttle reveals nothing either.</summary>
public sealed class LoginThrottle(IOptions<BrokerOptions> options, TimeProvider time)
{
    // Beyond this many tracked keys the oldest state is pruned; a storm of distinct ids then still meets the per-address limit.
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool IsLimited(string? deviceId, IPAddress? address)
    {
        var now = time.GetUtcNow();
        return Limited(DeviceKey(deviceId), now) || Limited(AddressKey(address), now);
    }

    public void Failed(string? deviceId, IPAddress? address)
    {
        var o = options.Value;
        var now = time.GetUtcNow();
        Fail(DeviceKey(deviceId), o.FailedLoginsBeforeDelay, now);
        Fail(AddressKey(address), o.FailedLoginsBeforeDelayPerAddress, now);
    }

    /// <summary>A right password clears the device's failures; the address keeps its own, since others may share it.</summary>
    public void Succeeded(string deviceId) => _entries.TryRemove(DeviceKey(deviceId)!, out _);

    private bool Limited(string? key, DateTimeOffset now)
    {
        if (key is null || !_entries.TryGetValue(key, out var entry)) return false;
        lock (entry) return entry.BlockedUntil > now;
    }

    private void Fail(string? key, int allowance, DateTimeOffset now)
    {
        if (key is null) return;
        if (_entries.Count >= Capacity) Prune(now);
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        var o = options.Value;
        lock (entry)
        {
            // Failures long ago, e.g. a gateway that once had a stale password, should not count against it today.
            if (now - entry.LastFailure > o.MaxLoginDelay * 2) entry.Failures = 0;
            entry.Failures++;
            entry.LastFailure = now;
            if (entry.Failures < allowance) return;
            var doublings = Math.Min(entry.Failures - allowance, 30);
            var delay = TimeSpan.FromTicks(Math.Min(o.LoginDelay.Ticks * (1L << doublings), o.MaxLoginDelay.Ticks));
            entry.BlockedUntil = now + delay;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        var horizon = options.Value.MaxLoginDelay * 2;
        foreach (var (key, entry) in _entries)
        {
            bool stale;
            lock (entry) stale = entry.BlockedUntil <= now && now - entry.LastFailure > horizon;
            if (stale) _entries.TryRemove(key, out _);
        }
        if (_entries.Count >= Capacity) _entries.Clear();
    }

    private static string? DeviceKey(string? deviceId) => deviceId is null ? null : "id:" + deviceId;

    private static string? AddressKey(IPAddress? address) => address is null ? null : "ip:" + address;

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset BlockedUntil;
    }
}
