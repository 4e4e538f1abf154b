using System.Security.Claims;

namespace CityBrain.Ingest.Broker;

/// <summary>Clients that only read: they sign in with the host's API tokens (or, where configuration makes the data
/// public, with nothing), never publish, and subscribe only under <see cref="ClientIdentity.ReaderRoot"/> where this
/// allows. The open-data side implements it, so the broker knows nothing of what is published there.</summary>
public interface IMqttReaders
{
    /// <summary>Whether a login is a reader's, by its user name alone (absent for an anonymous reader): the broker then
    /// asks <see cref="AuthenticateAsync"/> and nothing else.</summary>
    bool IsReaderLogin(string? userName);

    /// <summary>Who the reader is, or null when refused.</summary>
    Task<ClaimsPrincipal?> AuthenticateAsync(string? userName, string? password, CancellationToken cancellationToken);

    /// <summary>Why <paramref name="reader"/> may not subscribe to <paramref name="filter"/> (already under
    /// <see cref="ClientIdentity.ReaderRoot"/>), in a sentence for the client; null when it may.</summary>
    string? SubscribeRefusal(ClaimsPrincipal reader, string filter);
}
