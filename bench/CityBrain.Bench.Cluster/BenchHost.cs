using System.Net;
using System.Net.Sockets;
using CityBrain.Host.Hosting;
using Microsoft.AspNetCore.Builder;

namespace CityBrain.Bench.Cluster;

/// <summary>The real host, in this process, on free loopback ports and a fresh data directory.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string ServiceUser = "bench";
    public const string ServicePassword = "bench-pass";

    private BenchHost(WebApplication app, string dataDirectory, int httpPort, int mqttPort)
    {
        App = app;
        DataDirectory = dataDirectory;
        HttpPort = httpPort;
        MqttPort = mqttPort;
    }

    public WebApplication App { get; }

    /// <summary>The host's data directory (journal.db, grains.db, history.db, ...), left behind when it stops.</summary>
    public string DataDirectory { get; }

    public int HttpPort { get; }

    public int MqttPort { get; }

    public static async Task<BenchHost> StartAsync(TimeSpan reportPeriod)
    {
        var data = Directory.CreateTempSubdirectory("citybrain-bench-").FullName;
        var http = FreePort();
        var mqtt = FreePort();
        var app = CityBrainHost.Build(
        [
            $"--data={data}", $"--http-port={http}", "--CityBrain:HttpBindAddress=127.0.0.1", $"--mqtt-port={mqtt}",
            $"--silo-port={FreePort()}", $"--gateway-port={FreePort()}", $"--Broker:ServiceAccounts:{ServiceUser}={ServicePassword}",
            $"--Grains:ReportPeriod={reportPeriod}", "--Logging:LogLevel:Default=Warning",
            // The benchmarks only read the API.
            "--Auth:AnonymousViewing=true",
        ]);
        await app.StartAsync();
        return new BenchHost(app, data, http, mqtt);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
