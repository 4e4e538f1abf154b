namespace CityBrain.Contracts.Topics;

/// <summary>District and device ids: 1–64 of lower-case letters, digits, '-' and '_', starting with a letter or
/// digit. They become MQTT topic levels and URL segments, so nothing that has a meaning there is allowed.</summary>
public static class Identifier
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > MaxLength) return false;
        if (!IsLowerAlphanumeric(id[0])) return false;
        foreach (var c in id)
        {
            if (!IsLowerAlphanumeric(c) && c != '-' && c != '_') return false;
        }
        return true;
    }

    public static void Require(string? id, string what)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException(
                $"'{id}' is not a valid {what} id: use 1-{MaxLength} lower-case letters, digits, '-' or '_', starting with a letter or digit.",
                what);
        }
    }

    private static bool IsLowerAlphanumeric(char c) => c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
}
