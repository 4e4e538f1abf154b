using CityBrain.Storage.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CityBrain.Host.Security;

/// <summary>Checks a session cookie against the user as stored now, on every request: a deleted or disabled user, or
/// one whose password changed since the session began, is signed out; a changed role or district list applies at once.</summary>
public static class AuthSessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var name = context.Principal?.Identity?.Name;
        var users = context.HttpContext.RequestServices.GetRequiredService<IUserStore>();
        var user = name is null ? null : await users.FindAsync(name, context.HttpContext.RequestAborted);
        if (user is null || user.Disabled || context.Principal!.FindFirst(AuthClaims.PasswordStamp)?.Value != AuthClaims.Stamp(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(AuthSchemes.Cookie);
            return;
        }
        context.ReplacePrincipal(AuthClaims.ForUser(user, AuthSchemes.Cookie));
    }
}
