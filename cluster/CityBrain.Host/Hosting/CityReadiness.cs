using CityBrain.Grains.Regions;
using CityBrain.Host.Api;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CityBrain.Host.Hosting;

/// <summary>Says once, when every district of the tree has a device online, that the network is up and where its
/// cockpit is: the line a person starting the host waits for. It reads the regions just above the districts as the
/// cockpit shows them, once a second, and stops reading after it has spoken.</summary>
public sealed partial class CityReadiness(
    RegionReader reader,
    RegionCatalog catalog,
    IServer server,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<CityReadiness> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await StartedAsync(stoppingToken)) return;
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            List<ChildRegionResponse> districts;
            try
            {
                districts = await DistrictsAsync();
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                // The silo may be busy activating; the next tick asks again.
                LogReadFailed(ex);
                continue;
            }
            if (districts.Count < catalog.Tree.Leaves.Count || districts.Any(d => d.DevicesOnline == 0)) continue;
            LogRegistered(districts.Sum(d => d.DevicesRegistered), districts.Count);
            LogReporting(districts.Count, Cockpit());
            return;
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<List<ChildRegionResponse>> DistrictsAsync()
    {
        var districts = new List<ChildRegionResponse>();
        foreach (var parent in catalog.Tree.Leaves.Select(d => catalog.ParentIdOf(d.Id)!).Distinct())
        {
            if (await reader.ReadAsync(parent) is { } region) districts.AddRange(region.Children.Where(c => c.Leaf));
        }
        return districts;
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using var registration = lifetime.ApplicationStarted.Register(started.SetResult);
        try
        {
            await started.Task.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private string Cockpit() =>
        server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() is { } address ? address : "(no HTTP address)";

    [LoggerMessage(Level = LogLevel.Information, Message = "{Devices} devices registered in {Districts} districts")]
    private partial void LogRegistered(int devices, int districts);

    [LoggerMessage(Level = LogLevel.Information, Message = "all {Districts} districts reporting — cockpit at {Cockpit}")]
    private partial void LogReporting(int districts, string cockpit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "The districts could not be read yet")]
    private partial void LogReadFailed(Exception exception);
}
