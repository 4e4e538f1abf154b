using CityBrain.Storage.Credentials;

namespace CityBrain.Storage.Accounts;

/// <summary>A person who signs in to the cockpit or the API.</summary>
/// <param name="Districts">The districts a technician may act on; empty for every other role.</param>
/// <param name="PasswordChangedAt">Sessions issued before it are no longer accepted.</param>
public sealed record UserAccount(
    string Name,
    string Role,
    IReadOnlyList<string> Districts,
    bool Disabled,
    StoredPassword Password,
    DateTimeOffset CreatedAt,
    DateTimeOffset PasswordChangedAt);
