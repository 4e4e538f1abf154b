using CityBrain.OpenData.Daily;
using CityBrain.OpenData.Export;

namespace CityBrain.OpenData.Tests;

/// <summary>A wrong export or daily-file setting stops the start with a sentence naming the setting.</summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new DailyFileOptionsValidation().Validate(null, new DailyFileOptions()).Succeeded);
        Assert.True(new ExportOptionsValidation().Validate(null, new ExportOptions()).Succeeded);
    }

    [Theory]
    [InlineData("LocalTime", "OpenData:Daily:LocalTime must be a time of day")]
    [InlineData("Metrics", "OpenData:Daily:Metrics: metric 'pm25' is unknown")]
    [InlineData("Formats", "OpenData:Daily:Formats: format 'xlsx' is not csv or parquet")]
    [InlineData("KeepDays", "OpenData:Daily:KeepDays must be at least 1")]
    [InlineData("CatchUpDays", "OpenData:Daily:CatchUpDays must be from 0 to KeepDays (30); it is 31")]
    [InlineData("RetryDelay", "OpenData:Daily:RetryDelay must be positive")]
    public void A_wrong_daily_setting_is_named(string setting, string sentence)
    {
        var options = setting switch
        {
            "LocalTime" => new DailyFileOptions { LocalTime = TimeSpan.FromHours(25) },
            "Metrics" => new DailyFileOptions { Metrics = "aqi,pm25" },
            "Formats" => new DailyFileOptions { Formats = "csv,xlsx" },
            "KeepDays" => new DailyFileOptions { KeepDays = 0, CatchUpDays = 0 },
            "CatchUpDays" => new DailyFileOptions { CatchUpDays = 31 },
            _ => new DailyFileOptions { RetryDelay = TimeSpan.Zero },
        };
        var result = new DailyFileOptionsValidation().Validate(null, options);
        Assert.Contains(result.Failures!, f => f.StartsWith(sentence, StringComparison.Ordinal));
    }

    [Fact]
    public void A_wrong_export_limit_is_named()
    {
        var result = new ExportOptionsValidation().Validate(null, new ExportOptions { MaxHourlyDays = 0 });
        Assert.Equal(["OpenData:Export:MaxHourlyDays must be at least 1 (it is 0)"], result.Failures!);
    }
}
