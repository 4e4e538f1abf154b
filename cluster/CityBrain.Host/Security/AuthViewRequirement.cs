using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Security;

/// <summary>The view policy's requirement: any signed-in role, or an anonymous caller when
/// <see cref="AuthOptions.AnonymousViewing"/> is set.</summary>
public sealed class AuthViewRequirement : IAuthorizationRequirement;

public sealed class AuthViewHandler(IOptions<AuthOptions> options) : AuthorizationHandler<AuthViewRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, AuthViewRequirement requirement)
    {
        var user = context.User;
        if (user.IsSignedIn() ? Roles.All.Any(user.IsInRole) : options.Value.AnonymousViewing) context.Succeed(requirement);
        return Task.CompletedTask;
    }
}
