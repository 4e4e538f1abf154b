using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace CityBrain.Testing.Servers;

/// <summary>A private Redis for tests: a redis-server child process on a free loopback port, without persistence,
/// with its log in a temporary folder. It can be stopped (cleanly or killed) and started again on the same port, and
/// disposing it stops it and deletes the folder.</summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string DebianPackage = "redis-server";
    private const string Program = "/usr/bin/redis-server";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly bool _durable;
    private Process? _process;
    private bool _disposed;

    private RedisServer(string directory, int port, bool durable)
    {
        Directory = directory;
        Port = port;
        _durable = durable;
    }

    public int Port { get; }

    public string Directory { get; }

    public string LogFile => Path.Combine(Directory, "redis.log");

    /// <summary>host:port, as StackExchange.Redis and Orleans' Redis providers take it.</summary>
    public string ConnectionString => $"127.0.0.1:{Port}";

    /// <param name="durable">Keep every write in an append-only file synced on each write, as a production membership
    /// server should, so that a restart finds the cluster's membership where it was.</param>
    public static async Task<RedisServer> StartNewAsync(bool durable = false)
    {
        ServerTool.Require(Program, DebianPackage);
        var server = new RedisServer(System.IO.Directory.CreateTempSubdirectory("citybrain-redis-").FullName, FreePort.Next(), durable);
        try
        {
            await server.StartAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the server on its port and returns once it answers PING.</summary>
    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in (string[])["--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "",
            "--appendonly", _durable ? "yes" : "no", "--appendfsync", "always", "--dir", Directory, "--logfile", LogFile, "--daemonize", "no"])
        {
            start.ArgumentList.Add(a);
        }
        _process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Program}");
        // Its log goes to the file; whatever else it prints is drained so it never blocks on a full pipe.
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (!await AnswersPingAsync())
        {
            if (_process.HasExited || deadline.Elapsed > StartTimeout)
            {
                var why = _process.HasExited ? $"exited with code {_process.ExitCode}" : $"did not answer PING within {StartTimeout}";
                await StopAsync(immediate: true);
                throw new InvalidOperationException($"Redis on port {Port} {why}; log:{Environment.NewLine}{ServerTool.Tail(LogFile)}");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>Stops the server: <paramref name="immediate"/> kills it, otherwise it is asked to shut down.</summary>
    public async Task StopAsync(bool immediate = false)
    {
        if (_process is not { } process) return;
        _process = null;
        using (process)
        {
            if (process.HasExited) return;
            if (!immediate)
            {
                await SendAsync("SHUTDOWN NOSAVE");
                using var bound = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(bound.Token);
                    return;
                }
                catch (OperationCanceledException)
                {
                    // Killed below, as an immediate stop would be.
                }
            }
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        await StopAsync(immediate: true);
        ServerTool.Delete(Directory);
    }

    private async Task<bool> AnswersPingAsync()
    {
        try
        {
            return (await SendAsync("PING")).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            return false;
        }
    }

    /// <summary>Sends one inline command and returns the first reply received (empty when the server closed first).</summary>
    private async Task<string> SendAsync(string command)
    {
        using var client = new TcpClient();
        using var bound = new CancellationTokenSource(StopTimeout);
        await client.ConnectAsync("127.0.0.1", Port, bound.Token);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), bound.Token);
        var buffer = new byte[256];
        try
        {
            var read = await stream.ReadAsync(buffer, bound.Token);
            return Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (IOException)
        {
            return "";
        }
    }
}
