using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using CityBrain.Storage.Credentials;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Broker;

/// <summary>Decides who a connecting client is: a service account, a provisioned device, or a simulated device
/// with a password derived from the fleet secret. Anyone else is refused.</summary>
public sealed class ClientAuthenticator(IOptions<BrokerOptions> options, ICredentialStore credentials)
{
    public async Task<ClientIdentity?> AuthenticateAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        if (userName is null || password is null) return null;
        var broker = options.Value;
        if (broker.ServiceAccounts.TryGetValue(userName, out var servicePassword))
        {
            return string.Equals(servicePassword, password, StringComparison.Ordinal) ? ClientIdentity.Service(userName) : null;
        }
        if (!Identifier.IsValid(userName)) return null;
        if (broker.FleetSecret is { } secret && DerivedPassword.Matches(secret, userName, password))
        {
            return ClientIdentity.Device(userName, null);
        }
        var credential = await credentials.VerifyAsync(userName, password, cancellationToken);
        return credential is null ? null : ClientIdentity.Device(credential.DeviceId, credential.District);
    }
}
