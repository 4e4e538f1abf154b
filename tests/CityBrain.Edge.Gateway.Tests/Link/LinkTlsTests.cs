using System.Net;
using System.Security.Cryptography.X509Certificates;
using CityBrain.Edge.Link;
using CityBrain.Edge.Testing;
using CityBrain.Tls;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Edge.Gateway.Tests.Link;

/// <summary>The gateway's link to a broker serving MQTT over TLS on loopback, with certificates made in the test: it
/// connects when the chain, the name and the pin are right, and otherwise says what failed with the fingerprint.</summary>
public sealed class LinkTlsTests : IDisposable
{
    /// <summary>The relay's target when the client must refuse the handshake before anything is relayed.</summary>
    private const int NeverReached = 9;

    private readonly CancellationTokenSource _stop = new();
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;
    private readonly X509Certificate2 _authority;
    private readonly TempDirectory _folder = new();

    public LinkTlsTests()
    {
        _authority = CertificateIssuer.CreateAuthority("Gateway test CA", _now.AddDays(-30), _now.AddYears(1));
        CertificateIssuer.WritePem(_authority, AuthorityFile, null);
    }

    private string AuthorityFile => Path.Combine(_folder.Path, "ca.pem");

    [Fact]
    public async Task The_link_connects_to_a_broker_whose_certificate_its_ca_issued()
    {
        await using var broker = await TestBroker.StartAsync();
        await using var front = new TlsFront(Server(_now.AddDays(30)), broker.Port);
        var link = Start(front, Tls());

        await link.WaitUntilConnectedAsync(_stop.Token).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Contains("gw-tls", broker.Connections);
    }

    [Fact]
    public async Task A_broker_with_another_key_than_the_pinned_one_is_refused_with_its_fingerprint()
    {
        using var certificate = Server(_now.AddDays(30));
        await using var broker = await TestBroker.StartAsync();
        await using var front = new TlsFront(certificate, broker.Port);
        var pinned = new string('a', 64);

        var state = await RefusedAsync(front, Tls(pin: pinned));

        Assert.Contains($"not the pinned {pinned}", state);
        Assert.Contains(PublicKeyPin.Of(certificate), state);
        Assert.Empty(broker.Connections);
    }

    [Fact]
    public async Task An_expired_broker_certificate_is_refused_saying_so()
    {
        await using var front = new TlsFront(Server(_now.AddDays(-1), _now.AddDays(-10)), NeverReached);

        Assert.Contains("expired on", await RefusedAsync(front, Tls()));
    }

    [Fact]
    public async Task A_broker_certificate_for_another_name_is_refused_naming_both()
    {
        await using var front = new TlsFront(Server(_now.AddDays(30)), NeverReached);

        Assert.Contains("it is for broker.test, 127.0.0.1, not wrong.example", await RefusedAsync(front, Tls(serverName: "wrong.example")));
    }

    [Fact]
    public async Task A_broker_certificate_of_another_ca_is_refused()
    {
        using var stranger = CertificateIssuer.CreateAuthority("Stranger CA", _now.AddDays(-30), _now.AddYears(1));
        using var certificate = CertificateIssuer.IssueServer(stranger, ["broker.test"], [IPAddress.Loopback], _now.AddDays(-1), _now.AddDays(30));
        await using var front = new TlsFront(certificate, NeverReached);

        Assert.Contains("CN=Stranger CA, which is not the CA in", await RefusedAsync(front, Tls()));
    }

    private async Task<string> RefusedAsync(TlsFront front, LinkTls tls)
    {
        var link = Start(front, tls);
        await Eventually.HoldsAsync(() => link.State.Detail.Contains("TLS:", StringComparison.Ordinal), "the link reports the refused certificate");
        return link.State.Detail;
    }

    private MqttLink Start(TlsFront front, LinkTls tls)
    {
        var options = new LinkOptions("gw-tls", "haidian", "127.0.0.1", front.Port, "secret")
        {
            MinBackoff = TimeSpan.FromMilliseconds(50),
            MaxBackoff = TimeSpan.FromMilliseconds(500),
            Tls = tls,
        };
        var link = new MqttLink(options, TimeProvider.System, NullLogger<MqttLink>.Instance);
        _ = link.RunAsync(_stop.Token);
        return link;
    }

    private LinkTls Tls(string? pin = null, string? serverName = null) =>
        new(new ServerCertificateVerifier(CertificateAuthorities.Load(AuthorityFile), pin, TimeProvider.System), null, serverName);

    private X509Certificate2 Server(DateTimeOffset notAfter, DateTimeOffset? notBefore = null) =>
        CertificateIssuer.IssueServer(_authority, ["broker.test"], [IPAddress.Loopback], notBefore ?? _now.AddDays(-1), notAfter);

    public void Dispose()
    {
        _stop.Cancel();
        _authority.Dispose();
        _folder.Dispose();
    }
}
