using System.Diagnostics;
using System.Net.Http.Json;
using System.Reflection;
using CityBrain.Contracts.Security;
using MQTTnet;
using MQTTnet.Formatter;

namespace CityBrain.Testing;

/// <summary>How a run of the host process ended.</summary>
public sealed record HostExit(int Code, string Output, string Error);

/// <summary>The real host as a separate operating-system process (<c>dotnet CityBrain.Host.dll</c>, as the solution
/// build leaves it), so that a test can kill it with SIGKILL and start it again on the same data directory and the same
/// ports, as a power cut and a restart by systemd would. Its output goes to <see cref="LogPath"/> in the data directory.
/// The crash and cluster tests use it, and so does the silo benchmark (bench/CityBrain.Bench.Silos), which also reads
/// what the process costs from /proc by <see cref="ProcessId"/>.</summary>
public sealed class HostProcess : IAsyncDisposable
{
    public const string FleetSecret = "crash-test-fleet-secret";

    /// <summary>How long a start may take before the test gives up: generous, for a two-core machine running two test
    /// projects at once (a cluster silo's start has been seen to take 90 s there).</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    private readonly string[] _args;
    private readonly Lock _logLock = new();
    private readonly StreamWriter _log;
    private Process? _process;
    private bool _disposed;

    private HostProcess(string dataDirectory, string[] extraArgs)
    {
        DataDirectory = dataDirectory;
        (HttpPort, MqttPort, SiloPort, GatewayPort) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        _args =
        [
            HostAssembly, $"--data={dataDirectory}", $"--http-port={HttpPort}", "--CityBrain:HttpBindAddress=127.0.0.1",
            $"--mqtt-port={MqttPort}", $"--silo-port={SiloPort}", $"--gateway-port={GatewayPort}",
            "--Grains:ReportPeriod=00:00:00.200", "--Grains:HourCloseDelay=00:00:01", "--Grains:AreaCloseDelay=00:00:01",
            "--Grains:SavePeriod=00:00:02", $"--Auth:InitialAdminPasswordFile={TestAdmin.WriteFile(dataDirectory)}",
            // The daily open-data files have their own tests on a fake clock; left on, every start would write a week of them.
            "--OpenData:Daily:Enabled=false",
            .. extraArgs,
        ];
        _log = new StreamWriter(new FileStream(LogPath, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{HttpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public string DataDirectory { get; }

    public int HttpPort { get; }

    public int MqttPort { get; }

    public int SiloPort { get; }

    public int GatewayPort { get; }

    /// <summary>Signed in as the first administrator (<see cref="TestAdmin"/>) after every start.</summary>
    public HttpClient Http { get; }

    /// <summary>Everything every run of the process wrote, one file across restarts.</summary>
    public string LogPath => Path.Combine(DataDirectory, "host-process.log");

    /// <summary>How many times the process was started.</summary>
    public int Starts { get; private set; }

    /// <summary>Settings handed to the process in its environment: secrets, which the host refuses on its command line.</summary>
    public IDictionary<string, string> EnvironmentVariables { get; } = new Dictionary<string, string> { ["Broker__FleetSecret"] = FleetSecret };

    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The operating-system process id while the host runs.</summary>
    public int? ProcessId => _process is { HasExited: false } process ? process.Id : null;

    /// <summary>Deletes the data directory when disposed: set once a test passed, so a failed run leaves its files.</summary>
    public bool DeleteDataOnDispose { get; set; }

    /// <summary>The host the solution build produced, of the same configuration as this test assembly.</summary>
    public static string HostAssembly { get; } = FindHostAssembly();

    /// <summary>A host not started yet: its data directory and ports exist, so a test can provision credentials first.</summary>
    public static HostProcess Create(string? dataDirectory = null, params string[] extraArgs) =>
        new(dataDirectory ?? Directory.CreateTempSubdirectory("citybrain-crash-").FullName, extraArgs);

    public static async Task<HostProcess> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        var host = Create(dataDirectory, extraArgs);
        try
        {
            await host.StartAsync();
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the process (again) on the same data directory and ports and returns once it serves HTTP,
    /// takes MQTT connections and <see cref="Http"/> is signed in.</summary>
    public async Task StartAsync()
    {
        if (IsRunning) throw new InvalidOperationException("the host process is already running");
        _process?.Dispose();
        Starts++;
        Write($"===== start #{Starts} at {DateTimeOffset.UtcNow:O}: dotnet {string.Join(' ', _args)}");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = DataDirectory,
        };
        foreach (var arg in _args) info.ArgumentList.Add(arg);
        foreach (var (name, value) in EnvironmentVariables) info.Environment[name] = value;
        // Timestamps on every line: a crash test's log is read against the moments of the kills.
        info.Environment["Logging__Console__FormatterName"] = "simple";
        info.Environment["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ";
        info.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        info.Environment["Logging__Console__FormatterOptions__UseUtcTimestamp"] = "true";
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Write(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Write("stderr: " + e.Data); };
        if (!process.Start()) throw new InvalidOperationException("dotnet did not start");
        _process = process;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilReadyAsync(process);
        await TestAdmin.SignInAsync(Http);
        Write($"===== ready at {DateTimeOffset.UtcNow:O} (pid {process.Id})");
    }

    /// <summary>SIGKILL: no shutdown hook runs, nothing is flushed, sockets are reset by the kernel.</summary>
    public async Task KillAsync()
    {
        var process = _process ?? throw new InvalidOperationException("the host process was never started");
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        Write($"===== killed at {DateTimeOffset.UtcNow:O} (pid {process.Id})");
    }

    /// <summary>SIGTERM, as systemd stops a service: the host shuts down in order (grains deactivate and save).</summary>
    public async Task StopAsync()
    {
        var process = _process ?? throw new InvalidOperationException("the host process was never started");
        if (!process.HasExited)
        {
            using var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
            await signal.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Write($"===== stopped at {DateTimeOffset.UtcNow:O} (pid {process.Id}, exit code {process.ExitCode})");
    }

    public Task<T?> GetAsync<T>(string path) => Http.GetFromJsonAsync<T>(path);

    /// <summary>A test device of this host, logging in with a password derived from <see cref="FleetSecret"/>.</summary>
    public TestDevice Device(string district, string deviceId) => new(MqttPort, district, deviceId, FleetSecret);

    /// <summary>Runs <c>CityBrain.Host</c> with exactly <paramref name="args"/> until it exits on its own (help, a verb,
    /// a refused start), within <see cref="StartTimeout"/>.</summary>
    public static async Task<HostExit> RunToExitAsync(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(HostAssembly);
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"CityBrain.Host {string.Join(' ', args)} did not exit within {StartTimeout}");
        }
        return new HostExit(process.ExitCode, await output, await error);
    }

    /// <summary>The last lines the process wrote, for a failure message.</summary>
    public string LogTail(int lines = 120)
    {
        lock (_logLock)
        {
            try
            {
                using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                var all = new StreamReader(stream).ReadToEnd().Split('\n');
                return $"--- last {Math.Min(lines, all.Length)} lines of {LogPath} ---\n" + string.Join('\n', all.TakeLast(lines));
            }
            catch (IOException ex)
            {
                return $"(could not read {LogPath}: {ex.Message})";
            }
        }
    }

    /// <summary>Lines of the log that contain <paramref name="text"/>.</summary>
    public IReadOnlyList<string> LogLines(string text)
    {
        lock (_logLock)
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return [.. new StreamReader(stream).ReadToEnd().Split('\n').Where(l => l.Contains(text, StringComparison.Ordinal))];
        }
    }

    private async Task WaitUntilReadyAsync(Process process)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        using var probeHttp = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var httpUp = false;
        string last = "nothing tried yet";
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync();
                throw new InvalidOperationException($"the host process exited with {process.ExitCode} while starting\n{LogTail()}");
            }
            try
            {
                if (!httpUp)
                {
                    using var response = await probeHttp.GetAsync("/healthz");
                    httpUp = response.IsSuccessStatusCode;
                    last = $"/healthz answered {(int)response.StatusCode}";
                }
                if (httpUp)
                {
                    var result = await ProbeMqttAsync();
                    if (result is null) return;
                    last = result;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or OperationCanceledException)
            {
                last = ex.Message;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"the host process did not become ready within {StartTimeout} (last: {last})\n{LogTail()}");
    }

    /// <summary>Null when a device could connect to the broker; else what went wrong.</summary>
    private async Task<string?> ProbeMqttAsync()
    {
        const string probe = "crash-test-probe";
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", MqttPort)
            .WithClientId(probe)
            .WithCredentials(probe, DerivedPassword.For(FleetSecret, probe))
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .Build();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            var result = await client.ConnectAsync(options, timeout.Token);
            if (result.ResultCode != MqttClientConnectResultCode.Success) return $"MQTT connect answered {result.ResultCode}";
            await client.DisconnectAsync();
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return $"MQTT connect failed: {ex.Message}";
        }
    }

    private void Write(string line)
    {
        lock (_logLock)
        {
            if (!_disposed) _log.WriteLine(line);
        }
    }

    private static string FindHostAssembly()
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var path = RepositoryFiles.Path("cluster", "CityBrain.Host", "bin", configuration, "net10.0", "CityBrain.Host.dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"the host's build output {path} is missing; build it first: dotnet build CityBrain.sln -c {configuration}");
        }
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        if (IsRunning)
        {
            try
            {
                await KillAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
            {
            }
        }
        lock (_logLock)
        {
            _disposed = true;
            _log.Dispose();
        }
        _process?.Dispose();
        Http.Dispose();
        if (DeleteDataOnDispose)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
