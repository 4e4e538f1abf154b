namespace CityBrain.Host.Security;

/// <summary>What a person's password must be.</summary>
public static class AuthPasswords
{
    public const int MinimumLength = 12;

    /// <summary>Long enough for any passphrase, short enough that hashing it costs no more than usual.</summary>
    public const int MaximumLength = 256;

    /// <summary>The rule <paramref name="password"/> breaks, naming <paramref name="field"/>; null when it is acceptable.</summary>
    public static string? Problem(string field, string? password) => password switch
    {
        null => $"{field} is required",
        { Length: < MinimumLength } => $"{field} must be at least {MinimumLength} characters long",
        { Length: > MaximumLength } => $"{field} must be at most {MaximumLength} characters long",
        _ when string.IsNullOrWhiteSpace(password) => $"{field} must not be only spaces",
        _ => null,
    };
}
