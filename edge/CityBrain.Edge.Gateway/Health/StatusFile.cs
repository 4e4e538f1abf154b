using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace CityBrain.Edge.Health;

/// <summary>The running service's snapshot in its data directory (<c>status.json</c>), rewritten every few seconds
/// and read by <c>citybrain-edge status</c>. A file keeps the technician's command independent of the service: it
/// works with the service stopped (and then says so), needs no socket permissions, and cannot hang the service.</summary>
public sealed class StatusFile(string dataDirectory)
{
    public const string FileName = "status.json";

    public string Path { get; } = System.IO.Path.Combine(dataDirectory, FileName);

    /// <summary>Written to a temporary file and renamed, so a reader never sees half a file.</summary>
    public void Write(GatewaySnapshot snapshot)
    {
        var temporary = Path + ".tmp";
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(snapshot, StatusJsonContext.Default.GatewaySnapshot));
        File.Move(temporary, Path, overwrite: true);
    }

    /// <summary>The last snapshot the service wrote, or null when there is none.</summary>
    /// <exception cref="JsonException">The file is not a snapshot.</exception>
    public GatewaySnapshot? Read() =>
        File.Exists(Path) ? JsonSerializer.Deserialize(File.ReadAllBytes(Path), StatusJsonContext.Default.GatewaySnapshot) : null;

    /// <summary>Rewrites the file every <paramref name="interval"/> until stopped.</summary>
    public async Task RunAsync(GatewayMonitor monitor, TimeSpan interval, TimeProvider time, ILogger logger, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        // One warning while it lasts: on a full disk every rewrite fails, every few seconds.
        var failing = false;
        do
        {
            try
            {
                Write(await monitor.SnapshotAsync(stoppingToken));
                failing = false;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The last complete file stays for status to read; the lock tells status the service still runs.
                DeleteTemporary();
                if (!failing) logger.LogWarning("Could not write the status file {Path}: {Error}; the last one stays until it can", Path, ex.Message);
                failing = true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    /// <summary>Half a file written to a full disk holds blocks the outbox needs; where it cannot go, it is no worse.</summary>
    private void DeleteTemporary()
    {
        try
        {
            File.Delete(Path + ".tmp");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A read-only or vanished directory: the next rewrite fails the same way and is already warned about.
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    WriteIndented = true,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(GatewaySnapshot))]
internal sealed partial class StatusJsonContext : JsonSerializerContext;
