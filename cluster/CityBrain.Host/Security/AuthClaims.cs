using System.Security.Claims;
using CityBrain.Storage.Accounts;

namespace CityBrain.Host.Security;

/// <summary>Who a request is, as claims: name, role, a claim per district for technicians, and whether a person or a
/// token signed in.</summary>
public static class AuthClaims
{
    /// <summary>One claim per district a technician may act on.</summary>
    public const string District = "district";

    /// <summary><c>user</c> or <c>token</c>.</summary>
    public const string Kind = "citybrain:kind";

    /// <summary>When the user's password was last set (Unix milliseconds): a session from before a change is refused.</summary>
    public const string PasswordStamp = "citybrain:password-stamp";

    public const string UserKind = "user";
    public const string TokenKind = "token";

    public static ClaimsPrincipal ForUser(UserAccount user, string scheme) =>
        Principal(user.Name, user.Role, user.Districts, UserKind, scheme,
            new Claim(PasswordStamp, Stamp(user), ClaimValueTypes.Integer64));

    public static ClaimsPrincipal ForToken(ApiToken token, string scheme) =>
        Principal(token.Name, token.Role, token.Districts, TokenKind, scheme, new Claim("citybrain:token-id", token.Id));

    public static string Stamp(UserAccount user) =>
        user.PasswordChangedAt.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static string? Role(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.Role);

    public static IReadOnlyList<string> Districts(this ClaimsPrincipal principal) =>
        [.. principal.FindAll(District).Select(c => c.Value)];

    public static bool IsSignedIn(this ClaimsPrincipal principal) => principal.Identity?.IsAuthenticated == true;

    private static ClaimsPrincipal Principal(string name, string role, IReadOnlyList<string> districts, string kind, string scheme, Claim extra)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name), new(ClaimTypes.Role, role), new(Kind, kind), extra };
        claims.AddRange(districts.Select(d => new Claim(District, d)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
