using System.Net;
using System.Runtime.Versioning;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using CityBrain.Edge.Cli;
using CityBrain.Edge.Testing;
using CityBrain.Tls;

namespace CityBrain.Edge.Tests.Cli;

/// <summary><c>provision</c> against a broker serving MQTT over TLS: the CA is copied next to the configuration and the
/// pin kept, and a broker that does not match the pin is named with the fingerprint it presented.</summary>
[SupportedOSPlatform("linux")]
public sealed class ProvisionTlsTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private readonly X509Certificate2 _authority = CertificateIssuer.CreateAuthority("Provision test CA", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1));
    private X509Certificate2 _server = null!;
    private TestBroker _broker = null!;
    private TlsFront _front = null!;

    public async Task InitializeAsync()
    {
        _broker = await TestBroker.StartAsync();
        _broker.Passwords["gw-0042"] = "issued-by-the-cluster";
        _server = CertificateIssuer.IssueServer(_authority, ["broker.test"], [IPAddress.Loopback], DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        _front = new TlsFront(_server, _broker.Port);
        CertificateIssuer.WritePem(_authority, _dir.File("ca-from-the-cluster.pem"), null);
    }

    private string ConfigPath => _dir.File("etc/gateway.json");

    private Task<Support.Cli.Outcome> ProvisionAsync(params string[] tls) => Support.Cli.RunAsync(
        ["provision", "--config", ConfigPath, "--device", "gw-0042", "--district", "chaoyang", "--broker", $"127.0.0.1:{_front.Port}",
         "--password", "issued-by-the-cluster", "--data-dir", _dir.File("data"), "--ca-file", _dir.File("ca-from-the-cluster.pem"), .. tls]);

    [Fact]
    public async Task The_ca_is_copied_next_to_the_configuration_and_the_pin_kept()
    {
        var pin = PublicKeyPin.Of(_server);

        var run = await ProvisionAsync("--pin", pin);

        Assert.True(run.ExitCode == ExitCodes.Ok, run.Error);
        Assert.Contains("accepted the credentials", run.Output);
        var tls = JsonNode.Parse(File.ReadAllText(ConfigPath))!["Gateway"]!["Broker"]!["Tls"]!;
        Assert.Equal((true, _dir.File("etc/broker-ca.pem"), pin), ((bool)tls["Enabled"]!, (string)tls["CaFile"]!, (string)tls["Pin"]!));
        Assert.Equal(File.ReadAllText(_dir.File("ca-from-the-cluster.pem")), File.ReadAllText(_dir.File("etc/broker-ca.pem")));
    }

    [Fact]
    public async Task A_broker_that_does_not_match_the_pin_is_refused_with_the_fingerprint_it_presented_and_nothing_is_written()
    {
        var wrong = new string('b', 64);

        var run = await ProvisionAsync("--pin", wrong);

        Assert.Equal(ExitCodes.BrokerUnreachable, run.ExitCode);
        Assert.Contains($"key sha256 {PublicKeyPin.Of(_server)}) refused: its key fingerprint is not the pinned {wrong}", run.Error);
        Assert.False(File.Exists(ConfigPath));
    }

    public async Task DisposeAsync()
    {
        await _front.DisposeAsync();
        await _broker.DisposeAsync();
        _server.Dispose();
        _authority.Dispose();
        _dir.Dispose();
    }
}
