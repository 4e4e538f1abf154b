using System.Diagnostics;
using Npgsql;

namespace CityBrain.Testing.Servers;

/// <summary>A private PostgreSQL for tests and benchmarks: its own cluster in a temporary folder, on a free loopback
/// port, with trust authentication for <see cref="User"/>. It can be stopped (cleanly or as by a crash) and started
/// again on the same port and data, and disposing it stops it and deletes the folder.</summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string User = "citybrain";
    public const string DebianPackage = "postgresql";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly string _bin;
    private readonly string? _runAs;
    private readonly bool _durable;
    private int? _postmasterPid;
    private bool _disposed;

    private PostgresServer(string bin, string? runAs, string directory, int port, bool durable)
    {
        _bin = bin;
        _runAs = runAs;
        Directory = directory;
        Port = port;
        _durable = durable;
    }

    public int Port { get; private set; }

    /// <summary>The data folder, which also holds the server's log and socket.</summary>
    public string Directory { get; }

    public string LogFile => Path.Combine(Directory, "server.log");

    /// <summary>The postmaster's process id while the server runs, e.g. to measure what the server costs.</summary>
    public int? ProcessId => _postmasterPid;

    /// <summary>The connection string of the <c>postgres</c> database, which every cluster has.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database}";

    /// <summary>Initialises a cluster and starts it. <paramref name="durable"/> false turns fsync off, for runs that do
    /// not measure or test what survives a power cut; commits still wait for the WAL write either way.</summary>
    public static async Task<PostgresServer> StartNewAsync(bool durable = true)
    {
        var bin = FindBinaries();
        var runAs = ServerTool.IsRoot ? ServerTool.PostgresUser : null;
        var directory = Path.Combine(Path.GetTempPath(), $"citybrain-postgres-{Guid.NewGuid():N}");
        // The tools run as the postgres user when we are root, so the folder must be theirs from the start.
        if (runAs is null) System.IO.Directory.CreateDirectory(directory);
        else await ServerTool.RunAsync("install", ["-d", "-o", runAs, "-m", "0700", directory], StopTimeout);
        var server = new PostgresServer(bin, runAs, directory, FreePort.Next(), durable);
        try
        {
            await server.RunAsync("initdb", ["-D", directory, "-A", "trust", "-U", User, "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"], StartTimeout);
            // A port found free may be taken before the server binds it; another free one is tried then.
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await server.StartAsync();
                    return server;
                }
                catch (InvalidOperationException) when (attempt < 3 && ServerTool.Tail(server.LogFile).Contains("could not bind", StringComparison.Ordinal))
                {
                    server.Port = FreePort.Next();
                }
            }
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server on its port and data, and returns once it accepts connections.</summary>
    public async Task StartAsync()
    {
        var settings = $"-p {Port} -k {Directory} -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync={(_durable ? "on" : "off")} -c synchronous_commit=on";
        try
        {
            await RunAsync("pg_ctl", ["-D", Directory, "-l", LogFile, "-w", "-t", ((int)StartTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "-o", settings, "start"], StartTimeout + TimeSpan.FromSeconds(10));
            await RunAsync("pg_isready", ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "30"], StartTimeout);
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            throw new InvalidOperationException($"PostgreSQL in {Directory} did not start on port {Port}: {ex.Message}{Environment.NewLine}server log:{Environment.NewLine}{ServerTool.Tail(LogFile)}", ex);
        }
        _postmasterPid = ReadPostmasterPid();
    }

    /// <summary>Stops the server: <paramref name="immediate"/> kills it without a checkpoint, as a crash would, and the
    /// next start recovers from the WAL.</summary>
    public async Task StopAsync(bool immediate = false)
    {
        await RunAsync("pg_ctl", ["-D", Directory, "-m", immediate ? "immediate" : "fast", "-w", "-t", ((int)StopTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture), "stop"], StopTimeout + TimeSpan.FromSeconds(10));
        _postmasterPid = null;
    }

    /// <summary>A new empty database; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"test_{Guid.NewGuid():N}";
        await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    /// <summary>Stops the server if it runs and deletes its folder; only the postmaster this instance started is killed
    /// should pg_ctl fail.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        if (_postmasterPid is { } pid)
        {
            try
            {
                await StopAsync(immediate: true);
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
            {
                KillPostmaster(pid);
            }
        }
        ServerTool.Delete(Directory);
    }

    private Task<string> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout) =>
        ServerTool.RunAsync(Path.Combine(_bin, tool), arguments, timeout, _runAs);

    private int? ReadPostmasterPid()
    {
        var file = Path.Combine(Directory, "postmaster.pid");
        return File.Exists(file) && int.TryParse(File.ReadLines(file).FirstOrDefault(), out var pid) ? pid : null;
    }

    private void KillPostmaster(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            // The number may have been reused since; only a postgres on this folder is ours.
            var commandLine = File.ReadAllText($"/proc/{pid}/cmdline");
            if (commandLine.Contains(Directory, StringComparison.Ordinal)) process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is ArgumentException or IOException or InvalidOperationException)
        {
            // Gone already.
        }
    }

    /// <summary>The newest PostgreSQL of Debian's layout (/usr/lib/postgresql/VERSION/bin).</summary>
    private static string FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        var newest = System.IO.Directory.Exists(root)
            ? System.IO.Directory.GetDirectories(root)
                .Select(d => (Path: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(Path.Combine(d.Path, "initdb")))
                .OrderByDescending(d => d.Version)
                .Select(d => d.Path)
                .FirstOrDefault()
            : null;
        var bin = newest ?? Path.Combine(root, "15", "bin");
        ServerTool.Require(Path.Combine(bin, "initdb"), DebianPackage);
        ServerTool.Require(Path.Combine(bin, "pg_ctl"), DebianPackage);
        return bin;
    }
}
