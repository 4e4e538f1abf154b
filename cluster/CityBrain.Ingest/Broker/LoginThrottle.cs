using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Broker;

/// <summary>Slows failed logins per login name (a device id, a user name) and per source address: after an allowance of
/// failures, further attempts are refused for a delay that doubles with each failure, without a password check, so a
/// storm of wrong passwords costs no PBKDF2 time. Unknown names are throttled exactly like known ones, so the throttle
/// reveals nothing either. The broker and the API's sign-in each keep one, with limits of their own.</summary>
public sealed class LoginThrottle(Func<LoginLimits> limits, TimeProvider time)
{
    /// <summary>The broker's throttle, with the limits of the <c>Broker</c> section.</summary>
    public LoginThrottle(IOptions<BrokerOptions> options, TimeProvider time)
        : this(() => new LoginLimits(options.Value.FailedLoginsBeforeDelay, options.Value.FailedLoginsBeforeDelayPerAddress,
            options.Value.LoginDelay, options.Value.MaxLoginDelay), time)
    {
    }

    // Beyond this many tracked keys the oldest state is pruned; a storm of distinct ids then still meets the per-address limit.
    private const int Capacity = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public bool IsLimited(string? name, IPAddress? address) => LimitedFor(name, address) > TimeSpan.Zero;

    /// <summary>How long attempts for this name or from this address are still refused; zero when they are not.</summary>
    public TimeSpan LimitedFor(string? name, IPAddress? address)
    {
        var now = time.GetUtcNow();
        return Max(Remaining(NameKey(name), now), Remaining(AddressKey(address), now));
    }

    public void Failed(string? name, IPAddress? address)
    {
        var l = limits();
        var now = time.GetUtcNow();
        Fail(NameKey(name), l.FailuresBeforeDelay, now);
        Fail(AddressKey(address), l.FailuresBeforeDelayPerAddress, now);
    }

    /// <summary>A right password clears the name's failures; the address keeps its own, since others may share it.</summary>
    public void Succeeded(string name) => _entries.TryRemove(NameKey(name)!, out _);

    private TimeSpan Remaining(string? key, DateTimeOffset now)
    {
        if (key is null || !_entries.TryGetValue(key, out var entry)) return TimeSpan.Zero;
        lock (entry) return entry.BlockedUntil > now ? entry.BlockedUntil - now : TimeSpan.Zero;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private void Fail(string? key, int allowance, DateTimeOffset now)
    {
        if (key is null) return;
        if (_entries.Count >= Capacity) Prune(now);
        var entry = _entries.GetOrAdd(key, _ => new Entry());
        var l = limits();
        lock (entry)
        {
            // Failures long ago, e.g. a gateway that once had a stale password, should not count against it today.
            if (now - entry.LastFailure > l.MaxDelay * 2) entry.Failures = 0;
            entry.Failures++;
            entry.LastFailure = now;
            if (entry.Failures < allowance) return;
            var doublings = Math.Min(entry.Failures - allowance, 30);
            var delay = TimeSpan.FromTicks(Math.Min(l.Delay.Ticks * (1L << doublings), l.MaxDelay.Ticks));
            entry.BlockedUntil = now + delay;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        var horizon = limits().MaxDelay * 2;
        foreach (var (key, entry) in _entries)
        {
            bool stale;
            lock (entry) stale = entry.BlockedUntil <= now && now - entry.LastFailure > horizon;
            if (stale) _entries.TryRemove(key, out _);
        }
        if (_entries.Count >= Capacity) _entries.Clear();
    }

    private static string? NameKey(string? name) => name is null ? null : "id:" + name;

    private static string? AddressKey(IPAddress? address) => address is null ? null : "ip:" + address;

    private sealed class Entry
    {
        public int Failures;
        public DateTimeOffset LastFailure;
        public DateTimeOffset BlockedUntil;
    }
}

/// <summary>How many failures a login name and an address are allowed before the delay, and how the delay grows.</summary>
public sealed record LoginLimits(int FailuresBeforeDelay, int FailuresBeforeDelayPerAddress, TimeSpan Delay, TimeSpan MaxDelay);
