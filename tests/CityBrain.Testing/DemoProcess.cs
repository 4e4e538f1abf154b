using System.Diagnostics;
using System.Net;

namespace CityBrain.Testing;

/// <summary>The demo's own executable (<c>citybrain-demo.dll</c>, as <c>./citybrain.sh run</c> starts it, with its
/// defaults) in a process of its own, on free ports over a fresh data directory, with N simulated gateways. Its output
/// goes to <see cref="LogPath"/>. The backfilled-demo tests use it, and so does the cluster bench's <c>backfill</c> mode.</summary>
public sealed class DemoProcess : IAsyncDisposable
{
    private readonly Process _process;

    private DemoProcess(string dataDirectory, int httpPort, Process process)
    {
        DataDirectory = dataDirectory;
        _process = process;
        Http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"),
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string DataDirectory { get; }

    public string LogPath => Path.Combine(DataDirectory, "demo.log");

    /// <summary>Keeps the session cookie once <see cref="TrySignInAsync"/> succeeded.</summary>
    public HttpClient Http { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Where the build of <paramref name="configuration"/> leaves the demo in this checkout; it may not exist.</summary>
    public static string AssemblyPath(string configuration) =>
        RepositoryFiles.Path("simulators", "CityBrain.Simulators.Demo", "bin", configuration, "net10.0", "citybrain-demo.dll");

    /// <param name="extraArgs">Appended to the command line, e.g. <c>--backfill-days N</c> or settings.</param>
    public static DemoProcess Start(string assembly, int gateways, params string[] extraArgs)
    {
        var data = Directory.CreateTempSubdirectory("citybrain-demo-").FullName;
        var httpPort = FreePort.Next();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = data };
        string[] args =
        [
            assembly, $"--data={data}", $"--http-port={httpPort}", "--CityBrain:HttpBindAddress=127.0.0.1", $"--mqtt-port={FreePort.Next()}",
            $"--silo-port={FreePort.Next()}", $"--gateway-port={FreePort.Next()}", "--simulate", gateways.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"--Auth:InitialAdminPasswordFile={TestAdmin.WriteFile(data)}", "--OpenData:Daily:Enabled=false",
            .. extraArgs,
        ];
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var log = new StreamWriter(Path.Combine(data, "demo.log")) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DemoProcess(data, httpPort, process);
    }

    /// <summary>Signs in as <see cref="TestAdmin"/>; false while the API does not answer yet.</summary>
    /// <exception cref="InvalidOperationException">The demo exited.</exception>
    public async Task<bool> TrySignInAsync()
    {
        if (_process.HasExited) throw new InvalidOperationException($"the demo exited with {_process.ExitCode}; see {LogPath}");
        try
        {
            await TestAdmin.SignInAsync(Http);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Kills the demo with its children and deletes its data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        Http.Dispose();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
