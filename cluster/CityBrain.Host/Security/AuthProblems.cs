using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace CityBrain.Host.Security;

/// <summary>Answers a refused request with 401 or 403 and a ProblemDetails body saying what is missing, never a
/// redirect: the API's callers are the cockpit's scripts and machines.</summary>
public sealed class AuthProblems(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        await _default.HandleAsync(next, context, policy, authorizeResult);
        if (!(authorizeResult.Challenged || authorizeResult.Forbidden) || context.Response.HasStarted) return;
        // The handler keeps its result for the request, so asking again costs no second token lookup.
        var failure = authorizeResult.Challenged ? (await context.AuthenticateAsync()).Failure?.Message : null;
        var (title, detail) = authorizeResult.Forbidden
            ? ("Forbidden", $"the role '{context.User.Role()}' may not do this")
            : ("Unauthorized", failure ?? "sign in first (POST /api/session) or send an API token (Authorization: Bearer <token>)");
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = context.Response.StatusCode, Title = title, Detail = detail },
        });
    }
}
