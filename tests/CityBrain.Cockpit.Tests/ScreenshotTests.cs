using CityBrain.Cockpit.Tests.Browser;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CityBrain.Cockpit.Tests;

/// <summary>Every view on a 1920×1080 wall screen and a 1366×768 laptop, with a city that has data, saved for a person
/// to look at; the assertions check that each view came up and that nothing spills past the screen's width.</summary>
[Collection(CockpitCollection.Name)]
public class ScreenshotTests(CockpitFixture fixture)
{
    // Daxing and Mentougou are left to the no-data tests, Fengtai and Chaoyang to the live and drill-down tests.
    private static readonly string[] Filled = ["changping", "shunyi", "pinggu", "shijingshan", "haidian", "tongzhou", "fangshan", "dongcheng"];

    [BrowserFact]
    public async Task Every_view_fits_a_wall_screen_and_a_laptop()
    {
        var devices = new List<TestDevice>();
        try
        {
            for (var i = 0; i < Filled.Length; i++)
            {
                var device = await fixture.Host.ConnectDeviceAsync(Filled[i], $"cockpit-shot-{i}");
                devices.Add(device);
                await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), Readings(i));
            }
            await PublishHealthAsync(devices[0]);
            // One refused message, so the operations page has a rejection to explain.
            await devices[1].PublishRawAsync($"citybrain/v1/{Filled[1]}/cockpit-shot-1/telemetry", "{\"version\":1, oops"u8.ToArray());

            foreach (var (screen, name) in new[] { (CockpitFixture.WallScreen, "1920x1080"), (CockpitFixture.Laptop, "1366x768") })
            {
                await CaptureAsync("/", screen, $"screen-city-{name}", ".city-view .ranking tr[data-district=haidian]");
                await CaptureAsync("/districts/changping", screen, $"screen-district-{name}", ".district-view tr[data-device=cockpit-shot-0]");
                await CaptureAsync("/devices/cockpit-shot-0", screen, $"screen-device-{name}", ".device-view .sensors tr");
                await CaptureAsync("/ops", screen, $"screen-ops-{name}", ".ops-view .rejections tbody tr", ".ops-view .tile[data-quantity=rate-received] .value");
            }
        }
        finally
        {
            foreach (var device in devices) await device.DisposeAsync();
        }
    }

    private async Task CaptureAsync(string path, (int Width, int Height) screen, string name, params string[] ready)
    {
        var page = await fixture.OpenAsync(path, screen);
        foreach (var selector in ready) await Expect(page.Locator(selector).First).ToBeVisibleAsync();
        // Charts animate in; give them the moment a person would.
        await page.WaitForTimeoutAsync(1_000);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{name} is wider than the screen");
        await Screenshots.SaveAsync(page, name);
        await page.Context.CloseAsync();
    }

    private static Reading[] Readings(int i) =>
    [
        TestDevice.Value(Quantity.Pm2_5, 12 + i * 9), TestDevice.Value(Quantity.Pm10, 30 + i * 14), TestDevice.Value(Quantity.O3, 60 + i * 6),
        TestDevice.Value(Quantity.No2, 18 + i * 3), TestDevice.Value(Quantity.So2, 4 + i), TestDevice.Value(Quantity.Co, 0.4 + i * 0.1),
        TestDevice.Value(Quantity.Co2, 420 + i * 5), TestDevice.Value(Quantity.Noise, 48 + i * 1.7), TestDevice.Value(Quantity.Temperature, 11.5 + i * 0.3),
        TestDevice.Value(Quantity.Humidity, 45 + i), TestDevice.Value(Quantity.Pressure, 1013 + i), TestDevice.Value(Quantity.Illuminance, 12_000 + i * 800),
        Reading.Of(Quantity.Pm1, 9 + i, Quality.Suspect, "test-sensor", reason: "humidity above 95 %"),
    ];

    private static async Task PublishHealthAsync(TestDevice device)
    {
        var health = new Health(1, device.DeviceId, DateTimeOffset.UtcNow, 86_400 * 3 + 3_700, 12, 95, 0, 0, DateTimeOffset.UtcNow.AddSeconds(-20),
        [
            new SensorHealth("pm", "SPS30", 25_920, 0, Calibration: new Calibration(-1.5, 1.04, new DateOnly(2026, 9, 14))),
            new SensorHealth("climate", "SHT41", 25_920, 3, "CRC mismatch on humidity word"),
            new SensorHealth("noise", "PCM-mic", 259_200, 0),
        ], 48.5, 12L * 1024 * 1024 * 1024, 0.4, "1.0.0");
        await device.PublishRawAsync($"citybrain/v1/changping/{device.DeviceId}/health", Contracts.Parsing.WireFormat.Serialize(health));
    }
}
