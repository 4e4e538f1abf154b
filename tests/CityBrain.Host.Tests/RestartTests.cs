using CityBrain.Contracts.Vocabulary;
using CityBrain.Host.Api;
using CityBrain.Testing;
using Microsoft.Extensions.Logging;

namespace CityBrain.Host.Tests;

public class RestartTests
{
    [Fact]
    public async Task Registry_and_latest_values_survive_a_restart_on_the_same_data_directory()
    {
        string dataDirectory;
        await using (var first = await RunningHost.StartAsync())
        {
            dataDirectory = first.DataDirectory;
            await using var device = first.Device("tongzhou", "restart-1");
            await device.ConnectAsync();
            await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Humidity, 55.5));
            await RunningHost.EventuallyAsync(() => first.GetAsync<RegionResponse>("/api/regions/demo-city")!,
                c => c!.Children.Single(d => d.Id == "tongzhou").DevicesRegistered == 1, "registration before the restart");
        }

        await using var second = await RunningHost.StartAsync(dataDirectory);

        var device2 = await second.GetAsync<DeviceResponse>("/api/devices/restart-1");
        Assert.Equal(55.5, device2!.Latest["humidity"].Value);
        Assert.Equal("tongzhou", device2.District);
        var district = await RunningHost.EventuallyAsync(() => second.GetAsync<RegionResponse>("/api/regions/demo-city")!,
            c => c!.Children.Single(d => d.Id == "tongzhou").DevicesRegistered == 1, "registration after the restart");
        Assert.Equal(55.5, district!.Children.Single(d => d.Id == "tongzhou").Latest["humidity"].Value);
    }

    [Fact]
    public async Task Hourly_history_and_the_hours_behind_the_AQI_survive_a_restart()
    {
        var hour = Indicators.Time.LocalCalendar.China.HourOf(DateTimeOffset.UtcNow.AddHours(-1));
        var path = $"/api/regions/fangshan/history?metric=pm2_5&from={Uri.EscapeDataString(hour.Start.ToString("O"))}&to={Uri.EscapeDataString(hour.End.ToString("O"))}";
        string dataDirectory;
        await using (var first = await RunningHost.StartAsync())
        {
            dataDirectory = first.DataDirectory;
            await using var device = await first.ConnectDeviceAsync("fangshan", "restart-hours-1");
            for (var minute = 0; minute < 60; minute++)
            {
                await device.PublishAsync(minute + 1, hour.Start.AddMinutes(minute), TestDevice.Value(Quantity.Pm2_5, 42));
            }
            await RunningHost.EventuallyAsync(() => first.GetAsync<HistoryResponse>(path), h => h!.Points.Single().Value == 42, "the hour before the restart");
        }

        await using var second = await RunningHost.StartAsync(dataDirectory);

        var history = await second.GetAsync<HistoryResponse>(path);
        Assert.Equal(42, history!.Points.Single().Value);
        var daily = await second.GetAsync<HistoryResponse>("/api/regions/fangshan/history?metric=pm2_5&step=day");
        // One valid hour is far from the 20 a day needs: the day is there, and invalid.
        Assert.Contains(daily!.Points, p => p.Count == 1 && p.Value is null);
    }

    [Fact]
    public async Task Stopping_the_only_silo_with_reports_pending_logs_no_errors_and_loses_no_registration()
    {
        // A long report period leaves each device's second report pending when the host stops: before the fix every
        // device tried to reach a district that could no longer be placed, and the log filled with errors.
        var host = await RunningHost.StartAsync(null, "--Grains:ReportPeriod=00:01:00");
        var dataDirectory = host.DataDirectory;
        var log = LogCapture.Attach(host);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < 3; i++)
        {
            await using var device = await host.ConnectDeviceAsync("shunyi", $"stop-{i}");
            await device.PublishAsync(1, now.AddMinutes(-2), TestDevice.Value(Quantity.Humidity, 40));
            await device.PublishAsync(2, now.AddMinutes(-1), TestDevice.Value(Quantity.Humidity, 41));
        }
        // The district itself, not the city: with a one-minute report period the city hears of it a minute later.
        await RunningHost.EventuallyAsync(() => host.GetAsync<RegionResponse>("/api/regions/shunyi")!,
            d => d!.DevicesRegistered == 3, "registration before the stop");

        await host.DisposeAsync();

        Assert.DoesNotContain(log.Entries, e => e.Level >= LogLevel.Error || e.Category.StartsWith("Polly", StringComparison.Ordinal));
        await using var second = await RunningHost.StartAsync(dataDirectory);
        var device0 = await second.GetAsync<DeviceResponse>("/api/devices/stop-0");
        Assert.Equal(41, device0!.Latest["humidity"].Value);
        await RunningHost.EventuallyAsync(() => second.GetAsync<RegionResponse>("/api/regions/demo-city")!,
            c => c!.Children.Single(d => d.Id == "shunyi").DevicesRegistered == 3, "registration after the restart");
    }
}
