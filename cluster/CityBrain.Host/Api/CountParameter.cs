using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace CityBrain.Host.Api;

/// <summary>A query parameter that says how many (<c>count</c>, <c>limit</c>, <c>days</c>): absent is the endpoint's
/// default; otherwise one whole number from 1 to the endpoint's maximum, or an error naming the parameter and showing
/// (shortened) what was given.</summary>
internal static class CountParameter
{
    public static bool TryRead(StringValues text, string name, int fallback, int max, out int value, out string? error)
    {
        (value, error) = (fallback, null);
        if (text.Count == 0) return true;
        if (text.Count == 1 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= 1 && value <= max) return true;
        error = $"{name} '{HistoryRequest.Show(text)}' must be a whole number from 1 to {max}";
        return false;
    }
}
