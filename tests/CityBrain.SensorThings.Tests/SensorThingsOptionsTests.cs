using System.ComponentModel.DataAnnotations;

namespace CityBrain.SensorThings.Tests;

/// <summary>A wrong SensorThings setting stops the host at start with a sentence naming it (the options are validated
/// on start; here the validation itself, without a host per case).</summary>
public sealed class SensorThingsOptionsTests
{
    [Theory]
    [InlineData(0, 100, "00:00:10", null, "SensorThings:DefaultTop is 0")]
    [InlineData(200, 100, "00:00:10", null, "SensorThings:MaxTop (100) is below SensorThings:DefaultTop (200)")]
    [InlineData(100, 2_000_000, "00:00:10", null, "SensorThings:MaxTop is 2000000")]
    [InlineData(100, 1000, "-00:00:01", null, "SensorThings:CatalogMaxAge is -00:00:01")]
    [InlineData(100, 1000, "00:00:10", "city.example/sta/v1.1", "SensorThings:ServiceRoot 'city.example/sta/v1.1'")]
    [InlineData(100, 1000, "00:00:10", "https://city.example/sta/v1.1/", "without a trailing slash")]
    public void A_wrong_setting_is_named(int defaultTop, int maxTop, string maxAge, string? root, string expected)
    {
        var options = new SensorThingsOptions
        {
            DefaultTop = defaultTop,
            MaxTop = maxTop,
            CatalogMaxAge = TimeSpan.Parse(maxAge, System.Globalization.CultureInfo.InvariantCulture),
            ServiceRoot = root,
        };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(options, new ValidationContext(options), results, true));
        Assert.Contains(results, r => r.ErrorMessage!.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_defaults_and_a_public_root_are_valid()
    {
        var options = new SensorThingsOptions { ServiceRoot = "https://city.example/sta/v1.1" };

        Assert.True(Validator.TryValidateObject(options, new ValidationContext(options), [], true));
    }
}
