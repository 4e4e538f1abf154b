using System.Security.Claims;
using CityBrain.Contracts.Topics;
using CityBrain.Grains.Regions;
using CityBrain.Host.Security;
using CityBrain.Ingest.Broker;
using CityBrain.Storage.Credentials;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityBrain.Host.Api;

/// <summary>Device credentials over HTTP, as the <c>credentials</c> verbs do them: list, add and rotate (the generated
/// password is in that one answer, never stored or logged) and revoke. A technician acts only on devices of the
/// districts in their <c>district</c> claims; an administrator on every device. A rotation or revocation closes the
/// device's session on this node at once and on the others within their watch interval.</summary>
public static class CredentialApi
{
    public static void MapCredentialApi(this WebApplication app)
    {
        var credentials = app.MapGroup("/api/credentials").RequireAuthorization(Policies.Provision);
        credentials.MapGet("", ListAsync);
        credentials.MapPost("", AddAsync);
        credentials.MapPost("/{device}/rotate", RotateAsync);
        credentials.MapDelete("/{device}", RevokeAsync);
    }

    private static async Task<Results<Ok<IReadOnlyList<CredentialSummary>>, ForbidHttpResult>> ListAsync(
        string? district, ClaimsPrincipal user, ICredentialStore store, CancellationToken cancellationToken)
    {
        if (district is not null && !user.MayActOnDistrict(district)) return TypedResults.Forbid();
        var all = await store.ListAsync(district, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CredentialSummary>>([.. all.Where(c => user.MayActOnDistrict(c.District))]);
    }

    private static async Task<Results<Created<IssuedCredential>, BadRequest<ErrorResponse>, ForbidHttpResult, Conflict<ErrorResponse>>> AddAsync(
        NewCredential request, ClaimsPrincipal user, ICredentialStore store, RegionCatalog catalog, HttpResponse response, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (!Identifier.IsValid(request.DeviceId))
        {
            return TypedResults.BadRequest(new ErrorResponse($"deviceId '{request.DeviceId}' is not a device id: 1-{Identifier.MaxLength} of a-z 0-9 - _"));
        }
        if (!catalog.IsDistrict(request.District))
        {
            return TypedResults.BadRequest(new ErrorResponse($"district '{request.District}' is not a district of '{catalog.Root.Id}'"));
        }
        if (!user.MayActOnDistrict(request.District)) return TypedResults.Forbid();
        // Adding over a live credential would move another district's device into this one: that is a rotation or a
        // revocation by whoever manages it.
        if (await store.FindAsync(request.DeviceId, cancellationToken) is not null)
        {
            return TypedResults.Conflict(new ErrorResponse($"device '{request.DeviceId}' has a credential already: rotate or revoke it"));
        }
        var password = await store.ProvisionAsync(request.DeviceId, request.District, time.GetUtcNow(), cancellationToken);
        NoStore(response);
        return TypedResults.Created($"/api/credentials/{request.DeviceId}", new IssuedCredential(request.DeviceId, request.District, password));
    }

    private static async Task<Results<Ok<IssuedCredential>, NotFound<ErrorResponse>, ForbidHttpResult>> RotateAsync(
        string device, ClaimsPrincipal user, ICredentialStore store, CredentialWatcher watcher, HttpResponse response, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var existing = Identifier.IsValid(device) ? await store.FindAsync(device, cancellationToken) : null;
        if (existing is null) return NoCredential(device);
        if (!user.MayActOnDistrict(existing.Credential.District)) return TypedResults.Forbid();
        if (await store.RotateAsync(device, time.GetUtcNow(), cancellationToken) is not { } password) return NoCredential(device);
        await watcher.CatchUpAsync(cancellationToken);
        NoStore(response);
        return TypedResults.Ok(new IssuedCredential(device, existing.Credential.District, password));
    }

    private static async Task<Results<NoContent, NotFound<ErrorResponse>, ForbidHttpResult>> RevokeAsync(
        string device, ClaimsPrincipal user, ICredentialStore store, CredentialWatcher watcher, TimeProvider time, CancellationToken cancellationToken)
    {
        var existing = Identifier.IsValid(device) ? await store.FindAsync(device, cancellationToken) : null;
        if (existing is null) return NoCredential(device);
        if (!user.MayActOnDistrict(existing.Credential.District)) return TypedResults.Forbid();
        if (!await store.RevokeAsync(device, time.GetUtcNow(), cancellationToken)) return NoCredential(device);
        await watcher.CatchUpAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static NotFound<ErrorResponse> NoCredential(string device) =>
        TypedResults.NotFound(new ErrorResponse($"device '{device}' has no credential (never added, or revoked)"));

    /// <summary>An answer carrying a password must not be kept by a browser or a proxy.</summary>
    private static void NoStore(HttpResponse response) => response.Headers.CacheControl = "no-store";
}

public sealed record NewCredential(string DeviceId, string District);

/// <summary>A device's new password, shown in this answer only.</summary>
public sealed record IssuedCredential(string DeviceId, string District, string Password);
