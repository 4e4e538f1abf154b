using CityBrain.Contracts.Topics;
using CityBrain.Host.Security;
using CityBrain.Storage.Accounts;
using CityBrain.Storage.Credentials;

namespace CityBrain.Host.Api;

/// <summary>The people who may sign in, managed by an administrator. A password set here is one the user should change;
/// the last enabled administrator can be neither demoted, disabled nor deleted, so the node never locks itself out.</summary>
public static class UserApi
{
    public static void MapUserApi(this WebApplication app)
    {
        var users = app.MapGroup("/api/users").RequireAuthorization(Policies.Administer);
        users.MapGet("", ListAsync);
        users.MapPost("", AddAsync);
        users.MapPut("/{name}", UpdateAsync);
        users.MapDelete("/{name}", DeleteAsync);
    }

    private static async Task<IEnumerable<UserResponse>> ListAsync(IUserStore users, CancellationToken cancellationToken) =>
        (await users.ListAsync(cancellationToken)).Select(UserResponse.Of);

    private static async Task<IResult> AddAsync(NewUserRequest? body, IUserStore users, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body is null) return SessionApi.Problem(StatusCodes.Status400BadRequest, "a JSON body with userName, password, role (and districts for a technician) is required");
        var problem = (Identifier.IsValid(body.UserName) ? null : "userName must be 1-64 of a-z 0-9 - _")
            ?? AuthPasswords.Problem("password", body.Password)
            ?? AccountRules.RoleProblem(body.Role, body.Districts ?? []);
        if (problem is not null) return SessionApi.Problem(StatusCodes.Status400BadRequest, problem);
        var now = time.GetUtcNow();
        var user = new UserAccount(body.UserName!, body.Role!, body.Districts ?? [], false, PasswordHashing.Hash(body.Password!), now, now);
        if (!await users.AddAsync(user, cancellationToken)) return SessionApi.Problem(StatusCodes.Status409Conflict, $"user '{body.UserName}' exists already");
        return TypedResults.Created($"/api/users/{user.Name}", UserResponse.Of(user));
    }

    private static async Task<IResult> UpdateAsync(
        string name, UserChangeRequest? body, IUserStore users, AuthFirstAdministrator firstAdministrator, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body is null) return SessionApi.Problem(StatusCodes.Status400BadRequest, "a JSON body with any of role, districts, disabled and password is required");
        var user = await users.FindAsync(name, cancellationToken);
        if (user is null) return SessionApi.Problem(StatusCodes.Status404NotFound, $"no user '{name}'");
        var role = body.Role ?? user.Role;
        var districts = body.Districts ?? (body.Role is null || role == Roles.Technician ? user.Districts : []);
        var problem = AccountRules.RoleProblem(role, districts) ?? (body.Password is null ? null : AuthPasswords.Problem("password", body.Password));
        if (problem is not null) return SessionApi.Problem(StatusCodes.Status400BadRequest, problem);
        var changed = user with { Role = role, Districts = districts, Disabled = body.Disabled ?? user.Disabled };
        if (body.Password is not null) changed = changed with { Password = PasswordHashing.Hash(body.Password), PasswordChangedAt = time.GetUtcNow() };
        if (!AccountRules.IsAdministrator(changed) && await IsLastAdministratorAsync(user, users, cancellationToken))
        {
            return SessionApi.Problem(StatusCodes.Status409Conflict, $"'{name}' is the last enabled administrator; make another one first");
        }
        if (!await users.UpdateAsync(changed, cancellationToken)) return SessionApi.Problem(StatusCodes.Status404NotFound, $"no user '{name}'");
        if (body.Password is not null) firstAdministrator.PasswordChanged(name);
        return TypedResults.Ok(UserResponse.Of(changed));
    }

    private static async Task<IResult> DeleteAsync(string name, IUserStore users, CancellationToken cancellationToken)
    {
        var user = await users.FindAsync(name, cancellationToken);
        if (user is null) return SessionApi.Problem(StatusCodes.Status404NotFound, $"no user '{name}'");
        if (await IsLastAdministratorAsync(user, users, cancellationToken))
        {
            return SessionApi.Problem(StatusCodes.Status409Conflict, $"'{name}' is the last enabled administrator; make another one first");
        }
        await users.DeleteAsync(name, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<bool> IsLastAdministratorAsync(UserAccount user, IUserStore users, CancellationToken cancellationToken) =>
        AccountRules.IsAdministrator(user)
        && (await users.ListAsync(cancellationToken)).Count(u => AccountRules.IsAdministrator(u) && u.Name != user.Name) == 0;
}

public sealed record NewUserRequest(string? UserName, string? Password, string? Role, IReadOnlyList<string>? Districts);

/// <summary>Every field optional: only what is given changes. A role other than technician drops the districts.</summary>
public sealed record UserChangeRequest(string? Role, IReadOnlyList<string>? Districts, bool? Disabled, string? Password);

public sealed record UserResponse(string UserName, string Role, IReadOnlyList<string> Districts, bool Disabled, DateTimeOffset CreatedAt)
{
    public static UserResponse Of(UserAccount user) => new(user.Name, user.Role, user.Districts, user.Disabled, user.CreatedAt);
}
