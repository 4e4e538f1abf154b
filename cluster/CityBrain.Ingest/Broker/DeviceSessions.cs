using System.Collections.Concurrent;

namespace CityBrain.Ingest.Broker;

/// <summary>The devices connected to this node's broker, each with the credential change its session authenticated
/// against, so a rotation or revocation can find the sessions it makes stale. A device connects with its device id as
/// client id, so it has at most one session per node.</summary>
public sealed class DeviceSessions
{
    private readonly ConcurrentDictionary<string, ClientIdentity> _byDevice = new(StringComparer.Ordinal);

    public int Count => _byDevice.Count;

    public void Connected(ClientIdentity identity)
    {
        if (identity.IsDevice) _byDevice[identity.Name] = identity;
    }

    /// <summary>Forgets the session only if it is still the one registered: when a device reconnects, its new session may
    /// be registered before the old one's disconnection is reported.</summary>
    public void Disconnected(ClientIdentity identity) =>
        _byDevice.TryRemove(new KeyValuePair<string, ClientIdentity>(identity.Name, identity));

    /// <summary>True when the device has a session here that authenticated before credential change <paramref name="change"/>.</summary>
    public bool IsStale(string deviceId, long change) =>
        _byDevice.TryGetValue(deviceId, out var identity) && identity.CredentialChange < change;
}
