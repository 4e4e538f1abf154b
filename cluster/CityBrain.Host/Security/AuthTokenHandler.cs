using System.Text.Encodings.Web;
using CityBrain.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Security;

/// <summary>Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the stored hashes; an unknown, revoked or
/// expired token fails with a reason the 401 answer names.</summary>
public sealed class AuthTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IApiTokenStore tokens, TimeProvider time)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string BearerPrefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header)) return AuthenticateResult.NoResult();
        if (!header.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || header.Length > 512)
        {
            return AuthenticateResult.Fail("the Authorization header must be 'Bearer <API token>'");
        }
        var token = await tokens.FindAsync(AuthTokens.Hash(header[BearerPrefix.Length..].Trim()), Context.RequestAborted);
        if (token is null) return AuthenticateResult.Fail("the API token is not known");
        if (token.RevokedAt is not null) return AuthenticateResult.Fail($"the API token '{token.Name}' was revoked");
        if (time.GetUtcNow() >= token.ExpiresAt) return AuthenticateResult.Fail($"the API token '{token.Name}' expired at {token.ExpiresAt:O}");
        return AuthenticateResult.Success(new AuthenticationTicket(AuthClaims.ForToken(token, Scheme.Name), Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}
