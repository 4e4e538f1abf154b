namespace CityBrain.Storage.Accounts;

/// <summary>A machine client's credential: a random secret shown once, of which only a hash is kept.</summary>
/// <param name="Id">Names the token in lists and for revocation; not a secret.</param>
/// <param name="Name">Who uses it (a script, a system), as the audit log shows it.</param>
public sealed record ApiToken(
    string Id,
    string Name,
    string Role,
    IReadOnlyList<string> Districts,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? RevokedAt);
