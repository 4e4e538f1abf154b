using CityBrain.Contracts.Topics;
using CityBrain.Host.Security;
using CityBrain.Storage.Accounts;

namespace CityBrain.Host.Api;

/// <summary>What a user's or a token's role and districts must be, shared by the users and tokens APIs.</summary>
public static class AccountRules
{
    public const int MaxDistricts = 256;

    /// <summary>The rule broken, naming the field; null when the role and districts are acceptable.</summary>
    public static string? RoleProblem(string? role, IReadOnlyList<string> districts)
    {
        if (role is null || !Roles.All.Contains(role)) return $"role must be one of {string.Join(", ", Roles.All)}";
        if (role != Roles.Technician && districts.Count > 0) return "districts are only for the technician role";
        if (districts.Count > MaxDistricts) return $"districts may list at most {MaxDistricts} districts";
        if (districts.FirstOrDefault(d => !Identifier.IsValid(d)) is { } bad) return $"districts: '{bad}' is not a district id (1-64 of a-z 0-9 - _)";
        return districts.Distinct(StringComparer.Ordinal).Count() == districts.Count ? null : "districts lists a district twice";
    }

    public static bool IsAdministrator(UserAccount user) => user.Role == Roles.Administrator && !user.Disabled;
}
