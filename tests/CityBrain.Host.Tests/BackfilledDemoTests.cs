using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>The demo as <c>./citybrain.sh run</c> starts it (its own process, its defaults: 30 days of history and an
/// episode under way), with a small fleet: within minutes of start the root region's trends, validity, ranking changes
/// and alerts have content. Every wait is bounded in minutes, for a loaded two-core CI machine.</summary>
public sealed class BackfilledDemoTests(BackfilledDemoTests.Demo demo) : IClassFixture<BackfilledDemoTests.Demo>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(8);

    [Fact]
    public async Task The_last_24_hours_have_an_hourly_aqi_trend()
    {
        var root = await demo.RootAsync();
        var now = DateTimeOffset.UtcNow;
        var points = await demo.UntilAsync($"/api/regions/{root}/history?metric=aqi&from={At(now.AddHours(-24))}&to={At(now)}&step=hour",
            h => Values(h) >= 20, "20 of the last 24 hours with an AQI");
        Assert.True(Values(points) >= 20);
    }

    [Fact]
    public async Task The_last_30_days_have_a_daily_aqi_trend()
    {
        var root = await demo.RootAsync();
        var now = DateTimeOffset.UtcNow;
        var points = await demo.UntilAsync($"/api/regions/{root}/history?metric=aqi&from={At(now.AddDays(-30))}&to={At(now)}&step=day",
            h => Values(h) >= 28, "28 of the last 30 days with a daily AQI");
        Assert.True(Values(points) >= 28);
    }

    [Fact]
    public async Task The_validity_rate_is_present()
    {
        var root = await demo.RootAsync();
        // The backfill runs oldest first: the last day's hours, which the rate covers, arrive last.
        var region = await demo.UntilAsync($"/api/regions/{root}",
            r => r.GetProperty("validity").GetProperty("rate") is { ValueKind: JsonValueKind.Number } rate && rate.GetDouble() >= 0.5,
            "a validity rate of at least 50 %");
        Assert.InRange(region.GetProperty("validity").GetProperty("rate").GetDouble(), 0.5, 1);
        Assert.True(region.GetProperty("validity").GetProperty("expectedHours").GetInt32() > 0);
    }

    [Fact]
    public async Task The_ranking_has_changes_against_the_previous_hour_and_day()
    {
        var root = await demo.RootAsync();
        var ranking = await demo.UntilAsync($"/api/rankings?region={root}&metric=aqi",
            r => r.GetProperty("children").EnumerateArray().Any(d => HasValue(d, "previousHour") && HasValue(d, "previousDay")),
            "a ranked child with values an hour and a day before");
        Assert.Contains(ranking.GetProperty("children").EnumerateArray(), d => HasValue(d, "previousHour") && HasValue(d, "previousDay"));
    }

    [Fact]
    public async Task The_episode_under_way_raises_an_alert()
    {
        var root = await demo.RootAsync();
        var alerts = await demo.UntilAsync($"/api/alerts?region={root}", a => a.GetArrayLength() > 0, "an alert");
        Assert.True(alerts.GetArrayLength() > 0);
    }

    private static string At(DateTimeOffset t) => Uri.EscapeDataString(t.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private static int Values(JsonElement history) =>
        history.GetProperty("points").EnumerateArray().Count(p => p.GetProperty("value").ValueKind == JsonValueKind.Number);

    private static bool HasValue(JsonElement district, string previous) =>
        district.TryGetProperty(previous, out var p) && p.ValueKind == JsonValueKind.Object
        && p.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number;

    /// <summary>The demo's own executable in a process of its own, on free ports over a fresh data directory, with
    /// twelve simulated gateways and the demo's own timing (hours close as they do for a user of the demo).</summary>
    public sealed class Demo : IAsyncLifetime
    {
        private readonly string _data = Directory.CreateTempSubdirectory("citybrain-demo-").FullName;
        private readonly int _httpPort = FreePort.Next();
        private Process? _process;
        private HttpClient _http = null!;
        private string? _root;

        public async Task InitializeAsync()
        {
            var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = _data };
            string[] args =
            [
                DemoAssembly(), $"--data={_data}", $"--http-port={_httpPort}", "--CityBrain:HttpBindAddress=127.0.0.1", $"--mqtt-port={FreePort.Next()}",
                $"--silo-port={FreePort.Next()}", $"--gateway-port={FreePort.Next()}", "--simulate", "12",
                $"--Auth:InitialAdminPasswordFile={TestAdmin.WriteFile(_data)}", "--OpenData:Daily:Enabled=false",
            ];
            foreach (var arg in args) info.ArgumentList.Add(arg);
            var log = new StreamWriter(Path.Combine(_data, "demo.log")) { AutoFlush = true };
            _process = new Process { StartInfo = info };
            _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
            _process.Start();
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
            _http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{_httpPort}"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            await RunningHost.EventuallyAsync(SignedInAsync, ok => ok, "the demo to serve its API", TimeSpan.FromMinutes(3));
        }

        public async Task<string> RootAsync()
        {
            var tree = await UntilAsync("/api/regions", t => t.TryGetProperty("root", out _), "the region tree");
            return _root ??= tree.GetProperty("root").GetProperty("id").GetString()!;
        }

        public Task<JsonElement> UntilAsync(string path, Func<JsonElement, bool> condition, string what) =>
            RunningHost.EventuallyAsync(() => _http.GetFromJsonAsync<JsonElement>(path), condition, $"{what} at {path}", Patience);

        public async Task DisposeAsync()
        {
            if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
            if (_process is not null) await _process.WaitForExitAsync();
            _process?.Dispose();
            _http.Dispose();
            Directory.Delete(_data, recursive: true);
        }

        private async Task<bool> SignedInAsync()
        {
            if (_process!.HasExited) throw new InvalidOperationException($"the demo exited with {_process.ExitCode}; see {_data}/demo.log");
            try
            {
                await TestAdmin.SignInAsync(_http);
                return true;
            }
            catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TaskCanceledException)
            {
                return false;
            }
        }

        private static string DemoAssembly()
        {
            var configuration = typeof(Demo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CityBrain.sln"))) directory = directory.Parent;
            var path = Path.Combine(directory?.FullName ?? "", "simulators", "CityBrain.Simulators.Demo", "bin", configuration, "net10.0", "citybrain-demo.dll");
            return File.Exists(path) ? path : throw new InvalidOperationException($"the demo's build output {path} is missing; build CityBrain.sln -c {configuration} first");
        }
    }
}
