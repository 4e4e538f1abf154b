using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using CityBrain.Edge.Health;
using CityBrain.Edge.Hosting;
using CityBrain.Edge.Link;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge status</c>: the running service's state from its status file: broker link, outbox
/// depth and age, last publish, clock and per-sensor errors. The exit code says whether all is well.</summary>
internal static class StatusCommand
{
    /// <summary>A status file older than this (and at least three of the service's intervals) means the service stopped or hangs.</summary>
    private static readonly TimeSpan Stale = TimeSpan.FromSeconds(30);

    /// <summary>Less free space than this on the data directory's file system counts as full: a status file and a few
    /// reports no longer fit, and the service's user cannot have the blocks kept for root.</summary>
    private const long NearlyFull = 1024 * 1024;

    public static Command Create(Option<string?> config)
    {
        var command = new Command("status", "Show the running gateway's state: link, outbox, last publish, sensors");
        command.SetAction(result =>
        {
            var (output, error) = (result.InvocationConfiguration.Output, result.InvocationConfiguration.Error);
            var path = GatewayConfiguration.ResolvePath(result.GetValue(config));
            try
            {
                var options = GatewayConfiguration.Bind(GatewayConfiguration.Build(path, []), path);
                var file = new StatusFile(options.DataDirectory);
                var snapshot = file.Read();
                if (snapshot is null)
                {
                    return TechnicianErrors.Say(error, "status",
                        $"the gateway service is not running: there is no status in {Path.GetFullPath(options.DataDirectory)}; start it with sudo systemctl start citybrain-edge",
                        ExitCodes.ServiceNotRunning);
                }
                var now = DateTimeOffset.UtcNow;
                Write(snapshot, now, output);
                var age = now - snapshot.Timestamp;
                var stale = age > Max(Stale, 3 * options.StatusInterval);
                // A full disk keeps the service from rewriting its status file; the lock still says it runs.
                var running = !stale && snapshot.Link.Condition != LinkCondition.Closed && IsAlive(snapshot.ProcessId);
                if ((running || DataDirectoryLock.IsHeld(options.DataDirectory)) && DiskFull(snapshot, options.DataDirectory, age) is { } full)
                {
                    return TechnicianErrors.Say(error, "status", full, ExitCodes.DiskFull);
                }
                if (!running)
                {
                    return TechnicianErrors.Say(error, "status",
                        $"the gateway service is not running (its last status is from {Human(age)} ago); start it with sudo systemctl start citybrain-edge and see journalctl -u citybrain-edge",
                        ExitCodes.ServiceNotRunning);
                }
                if (snapshot.Link.Conflict is { } conflict) return TechnicianErrors.Say(error, "status", conflict, ExitCodes.IdInUse);
                return snapshot.Link.Condition switch
                {
                    LinkCondition.Refused => TechnicianErrors.Say(error, "status", $"{snapshot.Link.Detail}; provision again with the right password (citybrain-edge provision)", ExitCodes.CredentialsRefused),
                    LinkCondition.Unreachable or LinkCondition.Connecting when now - snapshot.Link.Since > Stale =>
                        TechnicianErrors.Say(error, "status", $"{snapshot.Link.Detail}; readings wait in the outbox until the broker is back", ExitCodes.BrokerUnreachable),
                    _ => FailingSensors(snapshot, error),
                };
            }
            catch (JsonException ex)
            {
                return TechnicianErrors.Say(error, "status", $"the status file is unreadable ({ex.Message}); the service rewrites it within seconds if it runs", ExitCodes.ServiceNotRunning);
            }
            catch (Exception ex) when (TechnicianErrors.IsKnown(ex))
            {
                return TechnicianErrors.Report(ex, "status", error);
            }
        });
        return command;
    }

    /// <summary>What a technician needs to hear when the data directory's disk is full, or null while it is not: the
    /// outbox says so itself, or the file system has less left than a status file and a report need.</summary>
    private static string? DiskFull(GatewaySnapshot snapshot, string dataDirectory, TimeSpan age)
    {
        var directory = Path.GetFullPath(dataDirectory);
        var free = SystemProbe.FreeDiskBytes(directory);
        if (snapshot.Outbox.DiskFullSince is null && free is not < NearlyFull) return null;
        var since = snapshot.Outbox.DiskFullSince is { } at ? $"since {At(at)} " : "";
        return $"the gateway service is running, but the disk is full: {Megabytes(free ?? 0)} free on the file system of {directory}, " +
            $"new reports are not stored {since}and its status is from {Human(age)} ago; the outbox holds {Megabytes(snapshot.Outbox.FileBytes)} and its oldest reports are being thinned; " +
            $"free space on that file system (df -h {directory}) or lower Gateway:Outbox:DiskBudgetBytes";
    }

    /// <summary>Sensors that were tried and have not given one sample since the service started: the gateway reports
    /// nothing for them.</summary>
    private static int FailingSensors(GatewaySnapshot s, TextWriter error)
    {
        var failing = s.Sensors.Where(x => x.Enabled && x.Samples == 0 && x.Errors > 0).ToList();
        foreach (var sensor in failing)
        {
            TechnicianErrors.Say(error, "status", $"sensor {sensor.Name} has failed every sample since the service started ({sensor.Errors}, the last: {sensor.LastError?.TrimEnd('.')}); " +
                "check its wiring and power, then citybrain-edge read", ExitCodes.Hardware);
        }
        return failing.Count == 0 ? ExitCodes.Ok : ExitCodes.Hardware;
    }

    private static void Write(GatewaySnapshot s, DateTimeOffset now, TextWriter output)
    {
        var o = s.Outbox;
        output.WriteLine($"{s.DeviceId} in {s.District}: service pid {s.ProcessId}, up {Human(s.Timestamp - s.StartedAt)}, status from {Human(now - s.Timestamp)} ago");
        if (s.Site is { } site)
        {
            output.WriteLine("site          " + (site.Name ?? "(no name)") + (site.Latitude is { } lat && site.Longitude is { } lon
                ? string.Create(CultureInfo.InvariantCulture, $" at {lat}, {lon}") : ", no position recorded"));
        }
        output.WriteLine($"link          {s.Link.Condition.ToString().ToLowerInvariant()} since {At(s.Link.Since)}: {s.Link.Detail} ({s.Link.Connects} connects, {s.Link.Refusals} refused, {s.Link.Failovers} failovers)");
        output.WriteLine($"outbox        {o.Depth} reports waiting" + (o.OldestUnsentAgeSeconds is { } oldest ? $", oldest unsent {Human(TimeSpan.FromSeconds(oldest))} old" : "")
            + $"; next sequence {o.NextSequence}; {Megabytes(o.FileBytes)} of {Megabytes(o.BudgetBytes)}");
        output.WriteLine($"              thinned {o.Thinned}, dropped {o.Dropped}, refused by the cluster {o.Refused}");
        output.WriteLine($"last publish  {(o.LastPublish is { } last ? $"{At(last)} ({Human(now - last)} ago)" : "none since start")}; {o.Delivered} delivered since start");
        output.WriteLine($"clock         {(s.Clock.Trusted ? "trusted" : $"NOT trusted (before the build date {s.Clock.BuildDate:yyyy-MM-dd}); {s.Clock.HeldBackWindows} windows held back")}"
            + (s.Clock.SkewSeconds is { } skew ? string.Create(CultureInfo.InvariantCulture, $", skew {skew:0.#} s") : ""));
        output.WriteLine($"report window {s.ReportIntervalSeconds} s");
        var table = new TextTable("SENSOR", "MODEL", "STATE", "INTERVAL", "SAMPLES", "ERRORS", "LAST ERROR");
        foreach (var sensor in s.Sensors)
        {
            var kinds = sensor.ErrorsByKind.Count == 0 ? "" : " (" + string.Join(", ", sensor.ErrorsByKind.Select(k => $"{k.Key} {k.Value}")) + ")";
            table.Add(sensor.Name, sensor.Model, sensor.Enabled ? "enabled" : "disabled",
                string.Create(CultureInfo.InvariantCulture, $"{sensor.SampleIntervalSeconds:0.###} s"),
                sensor.Samples.ToString(CultureInfo.InvariantCulture), sensor.Errors.ToString(CultureInfo.InvariantCulture) + kinds, sensor.LastError ?? "");
        }
        table.WriteTo(output);
    }

    private static bool IsAlive(int pid) => !OperatingSystem.IsLinux() || Directory.Exists($"/proc/{pid}");

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static string At(DateTimeOffset at) => at.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");

    internal static string Human(TimeSpan span) => span.Duration() switch
    {
        var d when d < TimeSpan.FromMinutes(1) => $"{d.TotalSeconds:0} s",
        var d when d < TimeSpan.FromHours(1) => $"{(int)d.TotalMinutes} min {d.Seconds} s",
        var d when d < TimeSpan.FromDays(1) => $"{(int)d.TotalHours} h {d.Minutes} min",
        var d => $"{(int)d.TotalDays} d {d.Hours} h",
    };
}
