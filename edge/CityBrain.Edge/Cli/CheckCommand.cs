using System.CommandLine;
using System.Text.Json;
using CityBrain.Edge.Cli.Checks;
using CityBrain.Edge.Sensors;

namespace CityBrain.Edge.Cli;

/// <summary><c>citybrain-edge check</c>: everything a gateway needs, checked at once before the technician leaves the
/// site, one line per check with ✓ / ⚠ / ✗ and what to do; the exit code says the worst (0, 10 for warnings, 11 for a
/// failure), <c>--json</c> gives the same lines to tools.</summary>
internal static class CheckCommand
{
    /// <summary>In the order a technician fixes things: a later check often needs an earlier one to pass.</summary>
    private static IReadOnlyList<IGatewayCheck> Checks() =>
    [
        new ConfigurationCheck(),
        new ConfigurationAccessCheck(),
        new DataDirectoryCheck(),
        new ClockTrustCheck(),
        new DiskCheck(),
        new SensorsCheck(),
        new BrokerReachableCheck(),
        new BrokerTlsCheck(),
        new CredentialsCheck(),
        new IdentityCheck(),
    ];

    public static Command Create(Option<string?> config)
    {
        var json = new Option<bool>("--json") { Description = "Print the results as a JSON array of {check, status, message, action} for tools" };
        var command = new Command("check", "Check configuration, file permissions, clock, disk, every sensor, the broker, TLS and the credentials, " +
            "and say what to do about each problem")
        {
            json,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var output = result.InvocationConfiguration.Output;
            var context = new CheckContext(GatewayConfiguration.ResolvePath(result.GetValue(config)), TimeProvider.System, new SensorFactory(TimeProvider.System, new DeviceFiles()));
            var results = new List<CheckResult>();
            foreach (var check in Checks())
            {
                await foreach (var line in check.RunAsync(context, cancellationToken))
                {
                    results.Add(line);
                    if (!result.GetValue(json)) await output.WriteLineAsync(Line(line));
                }
            }
            if (result.GetValue(json)) await output.WriteLineAsync(Json(results));
            else await output.WriteLineAsync(Summary(results));
            return ExitCode(results);
        });
        return command;
    }

    public static int ExitCode(IEnumerable<CheckResult> results) => results.Select(r => r.Status).DefaultIfEmpty(CheckStatus.Pass).Max() switch
    {
        CheckStatus.Fail => ExitCodes.CheckFailures,
        CheckStatus.Warn => ExitCodes.CheckWarnings,
        _ => ExitCodes.Ok,
    };

    private static string Line(CheckResult r) =>
        $"{Symbol(r.Status)} {r.Check}: {r.Message.TrimEnd('.')}" + (r.Action is { } action ? $" → {action}" : "");

    private static string Symbol(CheckStatus status) => status switch
    {
        CheckStatus.Pass => "✓",
        CheckStatus.Warn => "⚠",
        CheckStatus.Fail => "✗",
        _ => "-",
    };

    private static string Summary(IReadOnlyList<CheckResult> results)
    {
        int Count(CheckStatus status) => results.Count(r => r.Status == status);
        return (Count(CheckStatus.Fail), Count(CheckStatus.Warn)) switch
        {
            (0, 0) => $"All {results.Count(r => r.Status == CheckStatus.Pass)} checks passed.",
            (var failed, var warned) => $"{failed} to fix, {warned} to look at, {Count(CheckStatus.Pass)} fine" +
                (Count(CheckStatus.Skipped) is > 0 and var skipped ? $", {skipped} not checked" : "") + ".",
        };
    }

    /// <summary>A stable shape for tools: statuses pass, warn, fail, skipped; action null when there is nothing to do.</summary>
    private static string Json(IReadOnlyList<CheckResult> results)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            foreach (var r in results)
            {
                writer.WriteStartObject();
                writer.WriteString("check", r.Check);
                writer.WriteString("status", r.Status.ToString().ToLowerInvariant());
                writer.WriteString("message", r.Message);
                if (r.Action is { } action) writer.WriteString("action", action);
                else writer.WriteNull("action");
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
