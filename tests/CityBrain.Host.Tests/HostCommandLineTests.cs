using System.Globalization;
using System.Net;
using System.Net.Sockets;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Grains.Regions;
using CityBrain.Testing;

namespace CityBrain.Host.Tests;

/// <summary>The host process as a person starts it: help and version without a server, a busy port or a data directory
/// in use named in one sentence with exit code 2, the broker on exactly the addresses configured, and the line saying
/// the city is up.</summary>
public sealed class HostCommandLineTests
{
    [Theory]
    [InlineData("--help", "--mqtt-port PORT")]
    [InlineData("-h", "credentials VERB")]
    [InlineData("--version", "CityBrain.Host 1.")]
    [InlineData("credentials --help", "credentials rotate DEVICE")]
    [InlineData("replay --help", "--from TIME, --to TIME")]
    public async Task Help_and_version_print_and_exit_0_without_starting_the_server(string args, string expected)
    {
        var exit = await HostProcess.RunToExitAsync([.. args.Split(' '), $"--http-port={FreePort.Next()}"]);

        Assert.Equal(0, exit.Code);
        Assert.Contains(expected, exit.Output);
        Assert.DoesNotContain("Now listening", exit.Output);
        Assert.Equal("", exit.Error);
    }

    [Theory]
    [InlineData("--http-port", "HTTP (cockpit and API)", "CityBrain:HttpPort, --http-port")]
    [InlineData("--mqtt-port", "MQTT", "Broker:Port, --mqtt-port")]
    [InlineData("--silo-port", "the Orleans silo", "CityBrain:SiloPort, --silo-port")]
    [InlineData("--gateway-port", "the Orleans gateway", "CityBrain:GatewayPort, --gateway-port")]
    [InlineData("--Tls:HttpsPort", "HTTPS", "Tls:HttpsPort")]
    [InlineData("--Tls:MqttsPort", "MQTT over TLS", "Tls:MqttsPort")]
    public async Task A_busy_port_ends_the_start_in_one_sentence_naming_the_port_and_its_setting(string option, string purpose, string setting)
    {
        using var pki = new TlsPki();
        using var busy = new TcpListener(IPAddress.Loopback, 0);
        busy.Start();
        var port = ((IPEndPoint)busy.LocalEndpoint).Port;
        var ports = new Dictionary<string, int>
        {
            ["--http-port"] = FreePort.Next(), ["--mqtt-port"] = FreePort.Next(), ["--silo-port"] = FreePort.Next(),
            ["--gateway-port"] = FreePort.Next(), ["--Tls:HttpsPort"] = FreePort.Next(), ["--Tls:MqttsPort"] = FreePort.Next(),
        };
        ports[option] = port;
        var data = Directory.CreateTempSubdirectory("citybrain-port-").FullName;

        var exit = await HostProcess.RunToExitAsync([$"--data={data}", "--CityBrain:HttpBindAddress=127.0.0.1",
            .. pki.HostArgs(ports["--Tls:MqttsPort"], ports["--Tls:HttpsPort"]),
            .. ports.Where(p => !p.Key.StartsWith("--Tls", StringComparison.Ordinal)).Select(p => $"{p.Key}={p.Value}")]);

        Assert.Equal(2, exit.Code);
        Assert.Contains($"port {port} for {purpose} is in use by another process: stop that process, or choose another port with {setting}", exit.Error);
        Assert.DoesNotContain("   at ", exit.Error);
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task A_second_host_on_the_same_data_directory_exits_2_naming_the_directory_and_the_process_holding_it()
    {
        await using var first = await HostProcess.StartAsync();

        // Different ports, so only the data directory stands in the way.
        var second = await HostProcess.RunToExitAsync($"--data={first.DataDirectory}", $"--http-port={FreePort.Next()}",
            $"--mqtt-port={FreePort.Next()}", $"--silo-port={FreePort.Next()}", $"--gateway-port={FreePort.Next()}");

        Assert.Equal(2, second.Code);
        Assert.Contains($"The data directory {first.DataDirectory} is in use by process {first.ProcessId}", second.Error);
        Assert.True(first.IsRunning);
        // The broker binds what Broker:BindAddress says (127.0.0.1 by default) and no IPv6 address at all.
        Assert.Equal([IPAddress.Loopback], ListeningAddresses(first.MqttPort));
        first.DeleteDataOnDispose = true;
    }

    [Fact]
    public async Task Localhost_binds_the_broker_to_both_loopbacks_and_nothing_else()
    {
        await using var host = await HostProcess.StartAsync(null, "--mqtt-bind=localhost");

        Assert.Equal([IPAddress.IPv6Loopback, IPAddress.Loopback], ListeningAddresses(host.MqttPort).OrderBy(a => a.AddressFamily == AddressFamily.InterNetwork));
        host.DeleteDataOnDispose = true;
    }

    [Fact]
    public async Task Once_every_district_reports_the_host_says_so_with_the_cockpit_address()
    {
        await using var host = await HostProcess.StartAsync();
        var city = CityBrain.Regions.RegionFile.Load(Path.Combine(Path.GetDirectoryName(HostProcess.HostAssembly)!, "cities", "demo-city.json")).Tree;
        Assert.True(city.Leaves.Count > 1);

        foreach (var district in city.Leaves)
        {
            await using var device = host.Device(district.Id, $"ready-{district.Id}");
            await device.ConnectAsync();
            Assert.True((await device.PublishAsync(1, DateTimeOffset.UtcNow.AddMinutes(-1), TestDevice.Value(Quantity.Pm2_5, 10))).IsSuccess);
        }

        var line = $"all {city.Leaves.Count} districts reporting — cockpit at http://127.0.0.1:{host.HttpPort}";
        await RunningHost.EventuallyAsync(() => Task.FromResult(host.LogLines(line)), lines => lines.Count == 1, line);
        Assert.Single(host.LogLines($"{city.Leaves.Count} devices registered in {city.Leaves.Count} districts"));
        Assert.Empty(host.LogLines("registered in district"));
        host.DeleteDataOnDispose = true;
    }

    /// <summary>The local addresses listening on <paramref name="port"/>, as the kernel lists them.</summary>
    private static List<IPAddress> ListeningAddresses(int port)
    {
        const string listen = "0A";
        var addresses = new List<IPAddress>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            foreach (var fields in File.ReadLines(table).Skip(1).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)))
            {
                var local = fields[1].Split(':');
                if (fields[3] != listen || int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture) != port) continue;
                // The kernel prints each 32-bit word of the address in host (little-endian) byte order.
                var bytes = Convert.FromHexString(local[0]).Chunk(4).SelectMany(word => word.Reverse()).ToArray();
                addresses.Add(new IPAddress(bytes));
            }
        }
        return addresses;
    }
}
