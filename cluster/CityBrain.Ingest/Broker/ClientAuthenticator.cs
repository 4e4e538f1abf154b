using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using CityBrain.Ingest.Metrics;
using CityBrain.Storage.Credentials;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Broker;

/// <summary>The answer to a login: who the client is, or that it is refused, or that it was not even checked because
/// its device id or source address failed too often lately.</summary>
public sealed record AuthenticationOutcome(ClientIdentity? Identity, bool Throttled)
{
    public static readonly AuthenticationOutcome Refused = new(null, false);
    public static readonly AuthenticationOutcome Limited = new(null, true);
}

/// <summary>Decides who a connecting client is: a service account, a provisioned device (by password, or by a device
/// certificate that the TLS handshake already checked against the device CAs), or a simulated device with a password
/// derived from the fleet secret, or a read-only subscriber that <see cref="IMqttReaders"/> recognises. Anyone else is refused.</summary>
public sealed class ClientAuthenticator
{
    private readonly IOptions<BrokerOptions> _options;
    private readonly ICredentialStore _credentials;
    private readonly LoginThrottle _throttle;
    private readonly IngestMetrics _metrics;
    private readonly VerifiedPasswords _verified;
    private readonly PasswordCheckGate _checks;
    private readonly IMqttReaders? _readers;

    public ClientAuthenticator(IOptions<BrokerOptions> options, ICredentialStore credentials, LoginThrottle throttle, IngestMetrics metrics, TimeProvider time,
        PasswordCheckGate checks, IMqttReaders? readers = null)
    {
        _checks = checks;
        _readers = readers;
        _options = options;
        _credentials = credentials;
        _throttle = throttle;
        _metrics = metrics;
        _verified = new VerifiedPasswords(time, options.Value.VerifiedPasswordLifetime, options.Value.VerifiedPasswordCapacity);
    }

    public async Task<ClientIdentity?> AuthenticateAsync(string? userName, string? password, CancellationToken cancellationToken) =>
        (await AuthenticateAsync(userName, password, null, cancellationToken)).Identity;

    /// <summary>A device certificate names the device by its subject's common name; the user name may be left empty or
    /// must be that id, no password is needed, and the device must still be provisioned: revoking its credential locks
    /// the certificate out too.</summary>
    public async Task<AuthenticationOutcome> AuthenticateAsync(string? userName, string? password, X509Certificate2? certificate, IPAddress? source, CancellationToken cancellationToken)
    {
        if (certificate is null) return await AuthenticateAsync(userName, password, source, cancellationToken);
        var deviceId = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
        if (!Identifier.IsValid(deviceId) || (!string.IsNullOrEmpty(userName) && userName != deviceId)) return Fail(userName, source);
        var stored = await _credentials.FindAsync(deviceId, cancellationToken);
        return stored is null ? Fail(deviceId, source) : Succeed(Device(stored));
    }

    public async Task<AuthenticationOutcome> AuthenticateAsync(string? userName, string? password, IPAddress? source, CancellationToken cancellationToken)
    {
        var broker = _options.Value;
        // Service accounts first, so a reader login name configured as a service account stays the service's.
        if (_readers?.IsReaderLogin(userName) == true && (userName is null || !broker.ServiceAccounts.ContainsKey(userName)))
        {
            return await ReaderAsync(_readers, userName, password, source, cancellationToken);
        }
        if (userName is null || password is null) return Fail(null, source);
        if (broker.ServiceAccounts.TryGetValue(userName, out var servicePassword))
        {
            if (_throttle.IsLimited(userName, source)) return Throttled();
            return FixedTimeEquals(servicePassword, password) ? Succeed(ClientIdentity.Service(userName)) : Fail(userName, source);
        }
        if (!Identifier.IsValid(userName)) return Fail(null, source);
        if (broker.FleetSecret is { } secret && DerivedPassword.Matches(secret, userName, password))
        {
            return Succeed(ClientIdentity.Device(userName, null));
        }
        var stored = await _credentials.FindAsync(userName, cancellationToken);
        // A password that verified recently gets in even while its id is throttled: an attacker hammering a device's id
        // must not lock the device itself out.
        if (stored is not null && _verified.Contains(userName, password, stored.Password))
        {
            _metrics.PasswordRecognised();
            return Succeed(Device(stored));
        }
        if (_throttle.IsLimited(userName, source)) return Throttled();
        var matches = await _checks.CheckAsync(() =>
        {
            _metrics.PasswordChecked();
            if (stored is not null) return PasswordHashing.Matches(stored.Password, password);
            PasswordHashing.SpendAsMuchAsAMatch(password);
            return false;
        }, cancellationToken);
        if (matches is null) return Throttled();
        if (stored is null || matches == false) return Fail(userName, source);
        _verified.Add(userName, password, stored.Password);
        return Succeed(Device(stored));
    }

    /// <summary>Failures count against the address only: readers share one login name, and a stranger's wrong tokens
    /// must not lock out every department.</summary>
    private async Task<AuthenticationOutcome> ReaderAsync(IMqttReaders readers, string? userName, string? password, IPAddress? source, CancellationToken cancellationToken)
    {
        if (_throttle.IsLimited(null, source)) return Throttled();
        var reader = await readers.AuthenticateAsync(userName, password, cancellationToken);
        return reader is null ? Fail(null, source) : new AuthenticationOutcome(ClientIdentity.ReaderOf(reader), false);
    }

    private static ClientIdentity Device(StoredCredential stored) =>
        ClientIdentity.Device(stored.Credential.DeviceId, stored.Credential.District) with { CredentialChange = stored.Change };

    private AuthenticationOutcome Succeed(ClientIdentity identity)
    {
        _throttle.Succeeded(identity.Name);
        return new AuthenticationOutcome(identity, false);
    }

    private AuthenticationOutcome Fail(string? userName, IPAddress? source)
    {
        _throttle.Failed(userName, source);
        return AuthenticationOutcome.Refused;
    }

    private AuthenticationOutcome Throttled()
    {
        _metrics.LoginThrottled();
        return AuthenticationOutcome.Limited;
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(
            SHA256.HashData(Encoding.UTF8.GetBytes(expected)), SHA256.HashData(Encoding.UTF8.GetBytes(actual)));
}
