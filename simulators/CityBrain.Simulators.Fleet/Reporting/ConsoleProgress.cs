using System.Globalization;
using CityBrain.Simulators.Fleet.Uplinks;
using Microsoft.Extensions.Hosting;

namespace CityBrain.Simulators.Fleet.Reporting;

/// <summary>The terminal's progress line: simulated local time, gateways online, messages per second, what went wrong.
/// On a terminal it rewrites one line every second; into a file or pipe it writes a line every ten seconds.</summary>
public sealed class ConsoleProgress(FleetSimulator fleet, TimeProvider time, TextWriter output, bool interactive) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var period = TimeSpan.FromSeconds(interactive ? 1 : 10);
        using var timer = new PeriodicTimer(period, time);
        var before = fleet.Counters.Snapshot();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken) && fleet.Summary is null)
            {
                var now = fleet.Counters.Snapshot();
                var line = Line(now, before, period);
                before = now;
                if (line is null) continue;
                if (interactive) await output.WriteAsync($"\r{line,-150}");
                else await output.WriteLineAsync(line);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The summary follows.
        }
        if (interactive) await output.WriteLineAsync();
    }

    private string? Line(FleetSnapshot now, FleetSnapshot before, TimeSpan period)
    {
        if (fleet.Run is not { } run || fleet.SimulatedNow is not { } simulated) return null;
        var local = TimeZoneInfo.ConvertTime(simulated, run.Scenario.TimeZone);
        var rate = (now.Published - before.Published) / period.TotalSeconds;
        var faults = now.Count(MessageKind.Skewed) + now.Count(MessageKind.Corrupt) + now.Count(MessageKind.Duplicate) + now.Count(MessageKind.ForeignTopic);
        var last = now.LastProblem is { } problem && now.Errors > 0 ? $" | last: {problem}" : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{local:yyyy-MM-dd HH:mm} | gateways {fleet.GatewaysOnline:N0}/{run.Sites.Count:N0} online | {rate:N0} msg/s | acked {now.Count(MessageKind.Report, DeliveryStatus.Acknowledged):N0} | not sent {now.Count(MessageKind.Report, DeliveryStatus.NotSent):N0} | errors {now.Errors:N0} | fault msgs {faults:N0}{last}");
    }
}
