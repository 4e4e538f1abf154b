using System.Net;
using System.Net.Http.Json;
using CityBrain.Host.Hosting;
using CityBrain.Simulators.Demo;
using CityBrain.Storage.Accounts;
using CityBrain.Storage.Credentials;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Testing;

/// <summary>The real host, started in-process on free ports over a data directory of its own; <c>--simulate=N</c> adds
/// the demo's simulated city, as <c>./citybrain.sh run</c> does. The first administrator's password is supplied by file
/// (<see cref="TestAdmin"/>), so tests can sign in with a cookie; <see cref="Http"/> carries an administrator's API token
/// (<see cref="AdminToken"/>), which works over HTTPS too; <see cref="Anonymous"/> is not signed in.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string FleetSecret = "test-fleet-secret";

    /// <summary>Pass this to have the host generate the first administrator's password, as a real first start does.</summary>
    public const string GeneratedAdminPassword = "--Auth:InitialAdminPasswordFile=";

    private readonly Ports _ports;
    private readonly string[] _extraArgs;
    private bool _disposed;

    private RunningHost(WebApplication app, string dataDirectory, Ports ports, string[] extraArgs, string adminToken)
    {
        App = app;
        DataDirectory = dataDirectory;
        _ports = ports;
        _extraArgs = extraArgs;
        AdminToken = adminToken;
        Http = NewClient();
        Anonymous = NewClient(new CookieContainer());
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public int MqttPort => _ports.Mqtt;

    public Uri BaseAddress => new($"http://127.0.0.1:{_ports.Http}");

    /// <summary>Sends <see cref="AdminToken"/> with every request.</summary>
    public HttpClient Http { get; }

    /// <summary>An API token of the administrator role, made for this start of the host.</summary>
    public string AdminToken { get; }

    /// <summary>Not signed in, with a cookie jar of its own.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>A client that signs in with <paramref name="cookies"/>, or without them sends <see cref="AdminToken"/>
    /// (e.g. for a live stream).</summary>
    public HttpClient NewClient(CookieContainer? cookies = null, TimeSpan? timeout = null)
    {
        var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer() })
        {
            BaseAddress = BaseAddress,
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
        if (cookies is null) client.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        return client;
    }

    public static Task<RunningHost> StartAsync(string? dataDirectory = null, params string[] extraArgs) =>
        LaunchAsync(dataDirectory ?? Directory.CreateTempSubdirectory("citybrain-host-").FullName,
            new Ports(FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next()), extraArgs);

    /// <summary>Stops this host and starts a new one on the same data directory and the same ports, as an operator's
    /// restart would: clients that were connected must find it again by themselves.</summary>
    public async Task<RunningHost> RestartAsync()
    {
        await DisposeAsync();
        return await StartAgainAsync();
    }

    /// <summary>After <see cref="DisposeAsync"/>: a new host on the same data directory and ports, for a test that needs
    /// the host's address known while nothing answers there.</summary>
    public Task<RunningHost> StartAgainAsync() => LaunchAsync(DataDirectory, _ports, _extraArgs);

    private static async Task<RunningHost> LaunchAsync(string dataDirectory, Ports ports, string[] extraArgs)
    {
        string[] args =
        [
            $"--data={dataDirectory}", $"--http-port={ports.Http}", "--CityBrain:HttpBindAddress=127.0.0.1",
            $"--mqtt-port={ports.Mqtt}", $"--silo-port={ports.Silo}", $"--gateway-port={ports.Gateway}",
            $"--fleet-secret={FleetSecret}", "--Grains:ReportPeriod=00:00:00.200",
            // Hours close moments after they end, so a test can feed a past hour and read its indicators at once.
            "--Grains:HourCloseDelay=00:00:00.300", "--Grains:AreaCloseDelay=00:00:00.300", "--Broker:ServiceAccounts:bench=bench-pass",
            $"--Auth:InitialAdminPasswordFile={TestAdmin.WriteFile(dataDirectory)}",
            // The daily open-data files have their own tests on a fake clock; left on, every start would write a week of them.
            "--OpenData:Daily:Enabled=false",
            // Likewise the morning bulletins: left on, every start would render a day's, a month's and a year's for every place.
            "--Bulletins:Enabled=false",
            .. extraArgs,
        ];
        var app = CityBrainHost.Build(args, builder => builder.AddSimulatedCity(args));
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A start refused (say, by a setting's validation) leaves nothing running behind the test.
            await app.DisposeAsync();
            throw;
        }
        var token = await TestAdmin.CreateTokenAsync(app.Services.GetRequiredService<IApiTokenStore>(), "test-admin", "administrator");
        return new RunningHost(app, dataDirectory, ports, extraArgs, token);
    }

    private sealed record Ports(int Http, int Mqtt, int Silo, int Gateway);

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>A new user of <paramref name="role"/>, stored as the users API would, and a client signed in as them.</summary>
    public async Task<HttpClient> SignInAsAsync(string role, params string[] districts)
    {
        var name = $"{role}-{Guid.NewGuid():N}"[..30];
        var now = DateTimeOffset.UtcNow;
        await Service<IUserStore>().AddAsync(new UserAccount(name, role, districts, false, PasswordHashing.Hash(TestAdmin.Password), now, now));
        var client = NewClient(new CookieContainer());
        await TestAdmin.SignInAsync(client, name, TestAdmin.Password);
        return client;
    }

    public Task<T?> GetAsync<T>(string path) => Http.GetFromJsonAsync<T>(path);

    public TestDevice Device(string district, string deviceId) => new(MqttPort, district, deviceId, FleetSecret);

    /// <summary>A device already connected with its fleet password, ready to publish.</summary>
    public async Task<TestDevice> ConnectDeviceAsync(string district, string deviceId)
    {
        var device = Device(district, deviceId);
        var result = await device.ConnectAsync();
        if (result.ResultCode != MQTTnet.MqttClientConnectResultCode.Success)
        {
            await device.DisposeAsync();
            throw new InvalidOperationException($"device {deviceId} could not connect: {result.ResultCode} {result.ReasonString}");
        }
        return device;
    }

    /// <summary>Polls until <paramref name="condition"/> holds: the cluster reports upward on timers, so values
    /// appear within a few report periods rather than at once.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T last;
        do
        {
            last = await probe();
            if (condition(last)) return last;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);
        throw new TimeoutException($"timed out waiting for {what}");
    }

    /// <summary>Idempotent, so a host that was restarted can still sit in an <c>await using</c>.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        Http.Dispose();
        Anonymous.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
