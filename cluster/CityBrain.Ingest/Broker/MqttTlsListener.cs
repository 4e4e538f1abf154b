using System.Net;
using CityBrain.Tls;

namespace CityBrain.Ingest.Broker;

/// <summary>The broker's MQTT-over-TLS endpoint (MQTTS, 8883 by convention): the server certificate, picked per
/// connection so a renewal applies to the next handshake, and, when set, the CAs whose device certificates log a device
/// in without a password.</summary>
public sealed record MqttTlsListener(IReadOnlyList<IPAddress> Addresses, int Port, ReloadingCertificate Certificate, CertificateAuthorities? DeviceAuthorities)
{
    public override string ToString() => string.Join(", ", Addresses.Select(a => new IPEndPoint(a, Port)));
}
