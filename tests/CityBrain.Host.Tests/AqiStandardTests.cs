using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Indicators.Time;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>The AQI rules are chosen per deployment: the same hour of NO2 gives HJ 633's index by default and the US
/// EPA's where the host is configured for it.</summary>
public sealed class AqiStandardTests
{
    [Theory]
    // HJ 633-2026, NO2 1h: 100 → 50 and 200 → 100, so 150 µg/m³ → 75.
    [InlineData(null, "HJ633-2026", 75)]
    // EPA 2024: 150 µg/m³ = 79.7 ppb at 25 °C, truncated to 79; 54–100 ppb → 51–100: 51 + 49·25/46 = 77.6 → 78.
    [InlineData("UsEpa2024", "EPA-AQI-2024", 78)]
    public async Task The_configured_standard_computes_the_hour(string? standard, string expectedId, int expectedAqi)
    {
        var start = await HourBoundary.ClearOfTheTurnAsync(TimeSpan.FromMinutes(2));
        await using var host = await RunningHost.StartAsync(null, standard is null ? [] : [$"--Grains:AqiStandard={standard}"]);
        var hour = LocalCalendar.China.HourOf(start.AddHours(-1));
        await using var device = await host.ConnectDeviceAsync("pinggu", "standard-1");
        for (var minute = 0; minute < 60; minute++)
        {
            await device.PublishAsync(minute + 1, hour.Start.AddMinutes(minute), TestDevice.Value(Quantity.No2, 150));
        }
        var range = $"from={Uri.EscapeDataString(hour.Start.ToString("O"))}&to={Uri.EscapeDataString(hour.End.ToString("O"))}";

        var aqi = await RunningHost.EventuallyAsync(() => host.GetAsync<HistoryResponse>($"/api/regions/pinggu/history?metric=aqi&{range}"),
            h => h!.Points.Single().Value is not null, "pinggu's AQI of the hour");

        Assert.Equal(expectedAqi, aqi!.Points.Single().Value);
        var district = await RunningHost.EventuallyAsync(() => host.GetAsync<RegionResponse>("/api/regions/pinggu"),
            d => d!.Aqi is { Provisional: false } now && now.HourStart == hour.Start, "pinggu's real-time AQI of the closed hour");
        Assert.Equal(expectedId, district!.Aqi!.Standard);
    }
}
