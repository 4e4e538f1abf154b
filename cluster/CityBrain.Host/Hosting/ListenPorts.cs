using System.Net;
using System.Net.Sockets;
using CityBrain.Host.Security;
using CityBrain.Ingest.Broker;

namespace CityBrain.Host.Hosting;

/// <summary>One port the node listens on, with the setting that moves it.</summary>
public sealed record ListenPort(string Purpose, IReadOnlyList<IPAddress> Addresses, int Port, string Setting);

/// <summary>Finds the node's ports that another process holds before anything starts, so a busy port ends in one sentence
/// naming the port and its setting instead of a listener's stack trace half-way through the start.</summary>
/// <remarks>Each address is bound the way the node's listeners bind it (address reuse on, as Kestrel and the broker
/// set it), so a port in TIME_WAIT after a restart passes as it would for them.</remarks>
public static class ListenPorts
{
    public static IReadOnlyList<ListenPort> Of(IConfiguration configuration, CityBrainOptions options)
    {
        var broker = configuration.GetSection(BrokerOptions.Section).Get<BrokerOptions>() ?? new BrokerOptions();
        var tls = configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        var http = Addresses(options.HttpBindAddress);
        var mqtt = BrokerAddresses.Parse(broker.BindAddress);
        // With a certificate, plain MQTT beyond loopback moves to loopback (TransportSecurity).
        IReadOnlyList<IPAddress> plainMqtt = tls.HasCertificate && !mqtt.All(IPAddress.IsLoopback) ? [IPAddress.Loopback] : mqtt;
        // A silo of a cluster listens on every address so other machines reach it; one machine keeps it on loopback.
        IReadOnlyList<IPAddress> orleans = options.Mode == HostMode.Cluster ? [IPAddress.Any] : [IPAddress.Loopback];
        var ports = new List<ListenPort>
        {
            new("HTTP (cockpit and API)", http, options.HttpPort, "CityBrain:HttpPort, --http-port"),
            new("MQTT", plainMqtt, broker.Port, "Broker:Port, --mqtt-port"),
            new("the Orleans silo", orleans, options.SiloPort, "CityBrain:SiloPort, --silo-port"),
            new("the Orleans gateway", orleans, options.GatewayPort, "CityBrain:GatewayPort, --gateway-port"),
        };
        if (tls.HasCertificate)
        {
            ports.Add(new("HTTPS", http, tls.HttpsPort, "Tls:HttpsPort"));
            ports.Add(new("MQTT over TLS", mqtt, tls.MqttsPort, "Tls:MqttsPort"));
        }
        return ports;
    }

    /// <exception cref="HostConfigurationException">One or more ports are taken, each named with its setting.</exception>
    public static void EnsureFree(IReadOnlyList<ListenPort> ports)
    {
        var problems = new List<string>();
        foreach (var port in ports.Where(p => p.Addresses.Any(a => IsTaken(a, p.Port))))
        {
            problems.Add($"port {port.Port} for {port.Purpose} is in use by another process: stop that process, or choose another port with {port.Setting}");
        }
        foreach (var clash in ports.GroupBy(p => p.Port).Where(g => g.Count() > 1))
        {
            problems.Add($"port {clash.Key} is given to {string.Join(" and ", clash.Select(p => $"{p.Purpose} ({p.Setting})"))}: each needs its own");
        }
        if (problems.Count > 0) throw new HostConfigurationException(problems);
    }

    private static IReadOnlyList<IPAddress> Addresses(string bindAddress) =>
        bindAddress is "*" or "+" ? [IPAddress.Any] : BrokerAddresses.Parse(bindAddress);

    private static bool IsTaken(IPAddress address, int port)
    {
        using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        try
        {
            socket.Bind(new IPEndPoint(address, port));
            socket.Listen();
            return false;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            return true;
        }
        catch (SocketException)
        {
            // Not ours to judge here (e.g. no IPv6 on this machine): the listener itself reports it.
            return false;
        }
    }
}
