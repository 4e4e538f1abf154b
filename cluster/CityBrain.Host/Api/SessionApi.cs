using System.Security.Claims;
using CityBrain.Contracts.Topics;
using CityBrain.Host.Security;
using CityBrain.Ingest.Broker;
using CityBrain.Storage.Accounts;
using CityBrain.Storage.Credentials;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Api;

/// <summary>The cockpit's session: sign in with a user name and password (a cookie), ask who is signed in, sign out,
/// change one's own password. Failed sign-ins are slowed per user name and per address; an unknown name costs the
/// same hashing as a wrong password and gets the same answer.</summary>
public static class SessionApi
{
    public static void MapSessionApi(this WebApplication app)
    {
        var session = app.MapGroup("/api/session");
        session.MapPost("", SignInAsync).AllowAnonymous();
        session.MapGet("", GetSession).AllowAnonymous();
        session.MapDelete("", SignOutAsync).RequireAuthorization(AuthSetup.SignedIn);
        session.MapPut("/password", ChangePasswordAsync).RequireAuthorization(AuthSetup.SignedIn);
    }

    private static async Task<IResult> SignInAsync(
        SignInRequest? body, HttpContext context, IUserStore users, [FromKeyedServices(AuthSetup.SignInThrottle)] LoginThrottle throttle)
    {
        if (body?.UserName is not { Length: > 0 } name || body.Password is null) return Problem(StatusCodes.Status400BadRequest, "userName and password are required");
        if (name.Length > 64) name = name[..64];
        AuthAudit.NoteActor(context, name, null);
        var address = context.Connection.RemoteIpAddress;
        var wait = throttle.LimitedFor(name, address);
        if (wait > TimeSpan.Zero)
        {
            var seconds = (int)Math.Ceiling(wait.TotalSeconds);
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problem(StatusCodes.Status429TooManyRequests, $"too many failed sign-ins for this user name or from this address; try again in {seconds} s");
        }
        var user = Identifier.IsValid(name) ? await users.FindAsync(name, context.RequestAborted) : null;
        if (!Verify(user, body.Password))
        {
            throttle.Failed(name, address);
            return Problem(StatusCodes.Status401Unauthorized, "wrong user name or password");
        }
        throttle.Succeeded(name);
        await context.SignInAsync(AuthSchemes.Cookie, AuthClaims.ForUser(user!, AuthSchemes.Cookie));
        AuthAudit.NoteActor(context, user!.Name, user.Role);
        return TypedResults.Ok(new SessionResponse(user.Name, user.Role, user.Districts, false));
    }

    private static IResult GetSession(ClaimsPrincipal principal, IOptions<AuthOptions> options)
    {
        if (principal.IsSignedIn()) return TypedResults.Ok(SessionResponse.Of(principal));
        return options.Value.AnonymousViewing
            ? TypedResults.Ok(new SessionResponse(null, Roles.Viewer, [], true))
            : Problem(StatusCodes.Status401Unauthorized, "not signed in");
    }

    private static async Task SignOutAsync(HttpContext context)
    {
        await context.SignOutAsync(AuthSchemes.Cookie);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    private static async Task<IResult> ChangePasswordAsync(
        PasswordChangeRequest? body, HttpContext context, IUserStore users, AuthFirstAdministrator firstAdministrator,
        [FromKeyedServices(AuthSetup.SignInThrottle)] LoginThrottle throttle, TimeProvider time)
    {
        var principal = context.User;
        if (principal.FindFirstValue(AuthClaims.Kind) != AuthClaims.UserKind) return Problem(StatusCodes.Status400BadRequest, "an API token has no password to change");
        if (body?.CurrentPassword is null) return Problem(StatusCodes.Status400BadRequest, "currentPassword is required");
        if (AuthPasswords.Problem("newPassword", body.NewPassword) is { } broken) return Problem(StatusCodes.Status400BadRequest, broken);
        var name = principal.Identity!.Name!;
        var address = context.Connection.RemoteIpAddress;
        if (throttle.IsLimited(name, address)) return Problem(StatusCodes.Status429TooManyRequests, "too many wrong passwords; try again later");
        var user = await users.FindAsync(name, context.RequestAborted);
        if (!Verify(user, body.CurrentPassword))
        {
            throttle.Failed(name, address);
            return Problem(StatusCodes.Status400BadRequest, "currentPassword is not this user's password");
        }
        var changed = user! with { Password = PasswordHashing.Hash(body.NewPassword!), PasswordChangedAt = time.GetUtcNow() };
        await users.UpdateAsync(changed, context.RequestAborted);
        firstAdministrator.PasswordChanged(name);
        // Other sessions of this user end with the change; this one goes on with the new stamp.
        await context.SignInAsync(AuthSchemes.Cookie, AuthClaims.ForUser(changed, AuthSchemes.Cookie));
        return TypedResults.NoContent();
    }

    /// <summary>A missing or disabled user costs a full hash too, so the time of the answer tells nothing.</summary>
    private static bool Verify(UserAccount? user, string password)
    {
        if (user is null || user.Disabled)
        {
            PasswordHashing.SpendAsMuchAsAMatch(password);
            return false;
        }
        return PasswordHashing.Matches(user.Password, password);
    }

    internal static IResult Problem(int status, string detail) => TypedResults.Problem(detail: detail, statusCode: status);
}

public sealed record SignInRequest(string? UserName, string? Password);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>Who is signed in, as the cockpit shows it; <see cref="Anonymous"/> when nobody is and anonymous viewing is on.</summary>
public sealed record SessionResponse(string? UserName, string Role, IReadOnlyList<string> Districts, bool Anonymous)
{
    public static SessionResponse Of(ClaimsPrincipal principal) =>
        new(principal.Identity?.Name, principal.Role() ?? Roles.Viewer, principal.Districts(), false);
}
