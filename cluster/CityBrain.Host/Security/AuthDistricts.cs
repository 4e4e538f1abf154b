using System.Security.Claims;

namespace CityBrain.Host.Security;

/// <summary>Whether a signed-in caller may act on one district's devices: an administrator on any, a technician on
/// those of their district claims, nobody else.</summary>
public static class AuthDistricts
{
    public static bool MayActOnDistrict(this ClaimsPrincipal principal, string district) =>
        principal.IsSignedIn() && (principal.IsInRole(Roles.Administrator)
            || (principal.IsInRole(Roles.Technician) && principal.HasClaim(AuthClaims.District, district)));
}
