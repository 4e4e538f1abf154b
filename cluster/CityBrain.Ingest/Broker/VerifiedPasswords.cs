using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CityBrain.Storage.Credentials;

namespace CityBrain.Ingest.Broker;

/// <summary>Passwords that verified recently, so a gateway's reconnects do not each cost a full PBKDF2 run. Only a
/// keyed hash is kept (HMAC-SHA256 under a key that never leaves the process), and it covers the stored hash the
/// password verified against: when a credential is rotated or removed, on any node or by the CLI, the stored hash
/// changes and the entry no longer matches.</summary>
public sealed class VerifiedPasswords(TimeProvider time, TimeSpan lifetime, int capacity)
{
    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _expiries = new(StringComparer.Ordinal);

    public bool Contains(string deviceId, string password, StoredPassword stored)
    {
        var key = Key(deviceId, password, stored);
        if (!_expiries.TryGetValue(key, out var expiry)) return false;
        if (expiry > time.GetUtcNow()) return true;
        _expiries.TryRemove(key, out _);
        return false;
    }

    public void Add(string deviceId, string password, StoredPassword stored)
    {
        if (lifetime <= TimeSpan.Zero) return;
        var now = time.GetUtcNow();
        if (_expiries.Count >= capacity)
        {
            foreach (var (key, expiry) in _expiries)
            {
                if (expiry <= now) _expiries.TryRemove(key, out _);
            }
            // Still full of live entries: those devices pay PBKDF2 again, which is the cost without a cache, never worse.
            if (_expiries.Count >= capacity) _expiries.Clear();
        }
        _expiries[Key(deviceId, password, stored)] = now + lifetime;
    }

    private string Key(string deviceId, string password, StoredPassword stored)
    {
        var material = Encoding.UTF8.GetBytes($"{deviceId.Length}:{deviceId}{password.Length}:{password}");
        using var hmac = new HMACSHA256(_key);
        hmac.TransformBlock(material, 0, material.Length, null, 0);
        hmac.TransformBlock(stored.Salt, 0, stored.Salt.Length, null, 0);
        hmac.TransformFinalBlock(stored.Hash, 0, stored.Hash.Length);
        return Convert.ToBase64String(hmac.Hash!);
    }
}
