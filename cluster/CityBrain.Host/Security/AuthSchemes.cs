namespace CityBrain.Host.Security;

/// <summary>The authentication schemes: a session cookie for people, bearer API tokens for machines, and the scheme
/// that picks one per request (bearer when an Authorization header is present).</summary>
public static class AuthSchemes
{
    public const string Cookie = "cookie";
    public const string Bearer = "bearer";
    public const string Either = "cookie-or-bearer";

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = "citybrain.session";
}
