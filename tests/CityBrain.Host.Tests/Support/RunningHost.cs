using System.Net.Http.Json;
using CityBrain.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CityBrain.Host.Tests.Support;

/// <summary>The real host, started in-process on free ports over a data directory of its own.</summary>
public sealed class RunningHost : IAsyncDisposable
{
    public const string FleetSecret = "test-fleet-secret";

    private RunningHost(WebApplication app, string dataDirectory, int httpPort, int mqttPort)
    {
        App = app;
        DataDirectory = dataDirectory;
        MqttPort = mqttPort;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public WebApplication App { get; }

    public string DataDirectory { get; }

    public int MqttPort { get; }

    public HttpClient Http { get; }

    public static async Task<RunningHost> StartAsync(string? dataDirectory = null, params string[] extraArgs)
    {
        dataDirectory ??= Directory.CreateTempSubdirectory("citybrain-host-").FullName;
        var httpPort = FreePort.Next();
        var mqttPort = FreePort.Next();
        string[] args =
        [
            $"--data={dataDirectory}", $"--http-port={httpPort}", "--CityBrain:HttpBindAddress=127.0.0.1",
            $"--mqtt-port={mqttPort}", $"--silo-port={FreePort.Next()}", $"--gateway-port={FreePort.Next()}",
            $"--fleet-secret={FleetSecret}", "--Grains:ReportPeriod=00:00:00.200", "--Broker:ServiceAccounts:bench=bench-pass",
            .. extraArgs,
        ];
        var app = CityBrainHost.Build(args);
        await app.StartAsync();
        return new RunningHost(app, dataDirectory, httpPort, mqttPort);
    }

    public T Service<T>() where T : notnull => App.Services.GetRequiredService<T>();

    public Task<T?> GetAsync<T>(string path) => Http.GetFromJsonAsync<T>(path);

    public TestDevice Device(string district, string deviceId) => new(MqttPort, district, deviceId, FleetSecret);

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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
