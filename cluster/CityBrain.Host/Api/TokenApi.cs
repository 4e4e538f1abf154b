using CityBrain.Contracts.Topics;
using CityBrain.Host.Security;
using CityBrain.Storage.Accounts;

namespace CityBrain.Host.Api;

/// <summary>API tokens for machine clients, managed by an administrator: the secret is in the answer to the POST and
/// nowhere else; revoked tokens stay listed.</summary>
public static class TokenApi
{
    /// <summary>A token must be renewed at least this often, so a forgotten one does not live for ever.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(731);

    public static void MapTokenApi(this WebApplication app)
    {
        var tokens = app.MapGroup("/api/tokens").RequireAuthorization(Policies.Administer);
        tokens.MapGet("", ListAsync);
        tokens.MapPost("", CreateAsync);
        tokens.MapDelete("/{id}", RevokeAsync);
    }

    private static async Task<IEnumerable<TokenResponse>> ListAsync(IApiTokenStore tokens, CancellationToken cancellationToken) =>
        (await tokens.ListAsync(cancellationToken)).Select(TokenResponse.Of);

    private static async Task<IResult> CreateAsync(NewTokenRequest? body, IApiTokenStore tokens, TimeProvider time, CancellationToken cancellationToken)
    {
        if (body is null) return SessionApi.Problem(StatusCodes.Status400BadRequest, "a JSON body with name, role and expiresAt is required");
        var now = time.GetUtcNow();
        var problem = (Identifier.IsValid(body.Name) ? null : "name must be 1-64 of a-z 0-9 - _")
            ?? AccountRules.RoleProblem(body.Role, body.Districts ?? [])
            ?? body.ExpiresAt switch
            {
                null => "expiresAt is required (an ISO 8601 time)",
                { } at when at <= now => $"expiresAt {at:O} is not in the future",
                { } at when at > now + MaxLifetime => $"expiresAt may be at most {MaxLifetime.TotalDays:F0} days ahead",
                _ => null,
            };
        if (problem is not null) return SessionApi.Problem(StatusCodes.Status400BadRequest, problem);
        var secret = AuthTokens.NewSecret();
        var token = new ApiToken(AuthTokens.NewId(), body.Name!, body.Role!, body.Districts ?? [], now, body.ExpiresAt!.Value, null);
        await tokens.AddAsync(token, AuthTokens.Hash(secret), cancellationToken);
        return TypedResults.Created($"/api/tokens/{token.Id}", new NewTokenResponse(TokenResponse.Of(token), secret));
    }

    private static async Task<IResult> RevokeAsync(string id, IApiTokenStore tokens, TimeProvider time, CancellationToken cancellationToken) =>
        await tokens.RevokeAsync(id, time.GetUtcNow(), cancellationToken)
            ? TypedResults.NoContent()
            : SessionApi.Problem(StatusCodes.Status404NotFound, $"no API token '{id}'");
}

public sealed record NewTokenRequest(string? Name, string? Role, IReadOnlyList<string>? Districts, DateTimeOffset? ExpiresAt);

public sealed record TokenResponse(
    string Id, string Name, string Role, IReadOnlyList<string> Districts, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt)
{
    public static TokenResponse Of(ApiToken token) =>
        new(token.Id, token.Name, token.Role, token.Districts, token.CreatedAt, token.ExpiresAt, token.RevokedAt);
}

/// <summary>The only answer that ever carries the token's secret.</summary>
public sealed record NewTokenResponse(TokenResponse Token, string Secret);
