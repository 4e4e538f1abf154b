using System.Net;
using System.Net.Http.Json;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using CityBrain.Contracts.Parsing;
using CityBrain.Contracts.Payloads;
using CityBrain.Contracts.Security;
using CityBrain.Contracts.Topics;
using CityBrain.Contracts.Vocabulary;
using CityBrain.Ingest.Metrics;
using CityBrain.Storage.Credentials;
using CityBrain.Testing;
using CityBrain.Tls;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace CityBrain.Host.Tests;

public sealed class TlsHostFixture : IAsyncLifetime
{
    public TlsPki Pki { get; } = new();

    public int MqttsPort { get; } = FreePort.Next();

    public int HttpsPort { get; } = FreePort.Next();

    public RunningHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await RunningHost.StartAsync(null, Pki.HostArgs(MqttsPort, HttpsPort));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        Pki.Dispose();
    }
}

/// <summary>MQTT over TLS, HTTPS and device certificates against a real host over loopback, with certificates made in
/// the test.</summary>
public sealed class TransportSecurityTests(TlsHostFixture fixture) : IClassFixture<TlsHostFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private RunningHost Host => fixture.Host;
    private TlsPki Pki => fixture.Pki;

    [Fact]
    public async Task A_device_connects_over_tls_with_a_trusted_chain_and_its_report_is_acknowledged()
    {
        var verdicts = new List<CertificateVerdict>();
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options("tls-dev-1", Pki.Verifier(), verdicts, password: DerivedPassword.For(RunningHost.FleetSecret, "tls-dev-1")));

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        Assert.True(verdicts.Single().Trusted, verdicts.Single().ToString());
        Assert.True((await client.PublishAsync(Report("haidian", "tls-dev-1"))).IsSuccess);
    }

    [Fact]
    public async Task A_client_refuses_a_broker_whose_certificate_another_ca_issued()
    {
        var verdicts = new List<CertificateVerdict>();
        using var client = new MqttClientFactory().CreateMqttClient();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Options("tls-dev-2", Pki.Verifier(Pki.StrangerAuthorityFile), verdicts, password: "x")));

        var verdict = Assert.Single(verdicts);
        Assert.False(verdict.Trusted);
        Assert.Contains("Test server CA, which is not the CA in", verdict.Problem);
        Assert.Contains(PublicKeyPin.Of(Host.Service<ReloadingCertificate>().Current.Leaf), verdict.ToString());
    }

    [Fact]
    public async Task A_client_refuses_a_broker_certificate_for_another_name()
    {
        var verdicts = new List<CertificateVerdict>();
        using var client = new MqttClientFactory().CreateMqttClient();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Options("tls-dev-3", Pki.Verifier(), verdicts, password: "x", host: "wrong.example")));

        Assert.Contains("not wrong.example", Assert.Single(verdicts).Problem);
    }

    [Fact]
    public async Task A_client_refuses_a_broker_with_another_pinned_key()
    {
        var verdicts = new List<CertificateVerdict>();
        using var client = new MqttClientFactory().CreateMqttClient();
        var otherKey = PublicKeyPin.Of(Pki.StrangerAuthority);

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Options("tls-dev-4", Pki.Verifier(pin: otherKey), verdicts, password: "x")));

        Assert.Contains($"not the pinned {otherKey}", Assert.Single(verdicts).Problem);
    }

    [Fact]
    public async Task Https_serves_with_hsts()
    {
        using var http = HttpsClient(Pki.Verifier());
        http.DefaultRequestHeaders.Authorization = new("Bearer", Host.AdminToken);

        using var response = await http.GetAsync($"https://{TlsPki.HostName}:{fixture.HttpsPort}/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task A_session_cookie_issued_over_https_is_marked_secure_and_signs_the_client_in()
    {
        using var http = HttpsClient(Pki.Verifier());
        var site = $"https://{TlsPki.HostName}:{fixture.HttpsPort}";

        using var signIn = await http.PostAsJsonAsync($"{site}/api/session", new { userName = TestAdmin.UserName, password = TestAdmin.Password });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        var cookie = Assert.Single(signIn.Headers.GetValues("Set-Cookie"));
        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"{site}/api/regions/demo-city")).StatusCode);
    }

    [Fact]
    public async Task A_device_certificate_logs_in_without_a_password_and_its_report_is_accepted()
    {
        await Host.Service<ICredentialStore>().ProvisionAsync("cert-a", "haidian", DateTimeOffset.UtcNow);
        using var certificate = Pki.Device("cert-a");
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options("cert-a", Pki.Verifier(), [], certificate: certificate));

        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        var published = await client.PublishAsync(Report("haidian", "cert-a"));
        Assert.True(published.IsSuccess, $"{published.ReasonCode} {published.ReasonString}");
    }

    [Fact]
    public async Task A_device_certificate_cannot_publish_as_another_device_nor_log_in_under_its_name()
    {
        var store = Host.Service<ICredentialStore>();
        await store.ProvisionAsync("cert-b", "haidian", DateTimeOffset.UtcNow);
        await store.ProvisionAsync("cert-c", "haidian", DateTimeOffset.UtcNow);
        using var certificate = Pki.Device("cert-b");
        using var client = new MqttClientFactory().CreateMqttClient();
        Assert.Equal(MqttClientConnectResultCode.Success, (await client.ConnectAsync(Options("cert-b", Pki.Verifier(), [], certificate: certificate))).ResultCode);

        var published = await client.PublishAsync(Report("haidian", "cert-c"));

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, published.ReasonCode);
        using var impostor = new MqttClientFactory().CreateMqttClient();
        var asOther = await impostor.ConnectAsync(Options("cert-c", Pki.Verifier(), [], certificate: certificate, userName: "cert-c"));
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, asOther.ResultCode);
    }

    [Fact]
    public async Task A_device_certificate_of_another_ca_is_refused_at_the_handshake()
    {
        await Host.Service<ICredentialStore>().ProvisionAsync("cert-d", "haidian", DateTimeOffset.UtcNow);
        using var certificate = Pki.Device("cert-d", Pki.StrangerAuthority);
        using var client = new MqttClientFactory().CreateMqttClient();

        await Assert.ThrowsAnyAsync<Exception>(() => client.ConnectAsync(Options("cert-d", Pki.Verifier(), [], certificate: certificate)));

        Assert.False(client.IsConnected);
    }

    [Fact]
    public async Task A_device_certificate_of_an_unknown_or_revoked_device_is_refused()
    {
        using var certificate = Pki.Device("cert-nobody");
        using var client = new MqttClientFactory().CreateMqttClient();

        var result = await client.ConnectAsync(Options("cert-nobody", Pki.Verifier(), [], certificate: certificate));

        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, result.ResultCode);
    }

    [Fact]
    public async Task An_oversized_packet_over_tls_is_cut_at_its_header()
    {
        var before = Host.Service<IngestMetrics>().Snapshot().Defence.OversizedPackets;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", fixture.MqttsPort);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync("localhost");

        // CONNECT announcing 64 MB: only the fixed header is sent.
        await ssl.WriteAsync(new byte[] { 0x10, 0x80, 0x80, 0x80, 0x20 });
        await ssl.FlushAsync();

        Assert.True(await ReadUntilClosedAsync(ssl));
        Assert.True(Host.Service<IngestMetrics>().Snapshot().Defence.OversizedPackets > before);
    }

    [Fact]
    public async Task Renewed_files_reach_new_connections_without_a_restart_and_a_broken_renewal_keeps_the_certificate()
    {
        var source = Host.Service<ReloadingCertificate>();
        var renewed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Renewed += _ => renewed.TrySetResult();
        source.RenewalRefused += m => refused.TrySetResult(m);
        Assert.DoesNotContain("renewed", await PresentedSubjectAsync(fixture.MqttsPort));

        Pki.WriteServer("renewed server");
        await renewed.Task.WaitAsync(Wait);

        Assert.Contains("renewed", await PresentedSubjectAsync(fixture.MqttsPort));
        Assert.Contains("renewed", await PresentedSubjectAsync(fixture.HttpsPort));

        await File.WriteAllTextAsync(Pki.CertificateFile, "not a certificate");
        Assert.Contains(Pki.CertificateFile, await refused.Task.WaitAsync(Wait));
        Assert.Contains("renewed", await PresentedSubjectAsync(fixture.MqttsPort));
        Pki.WriteServer("renewed server");
    }

    private static async Task<string> PresentedSubjectAsync(int port)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        await using var ssl = new SslStream(tcp.GetStream(), false, (_, _, _, _) => true);
        await ssl.AuthenticateAsClientAsync("localhost");
        return ssl.RemoteCertificate!.Subject;
    }

    private MqttClientOptions Options(string deviceId, ServerCertificateVerifier verifier, List<CertificateVerdict> verdicts,
        string? password = null, X509Certificate2? certificate = null, string host = "localhost", string? userName = null)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", fixture.MqttsPort)
            .WithClientId(deviceId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithTlsOptions(tls =>
            {
                tls.UseTls().WithTargetHost(host).WithCertificateValidationHandler(e =>
                {
                    var verdict = verifier.Verify(host, e.Certificate, e.Chain, e.SslPolicyErrors);
                    lock (verdicts) verdicts.Add(verdict);
                    return verdict.Trusted;
                });
                if (certificate is not null) tls.WithClientCertificates([certificate]);
            });
        if (password is not null || userName is not null) builder.WithCredentials(userName ?? deviceId, password);
        return builder.Build();
    }

    internal static HttpClient HttpsClient(ServerCertificateVerifier verifier) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        // citybrain.test resolves to this machine's loopback for the test: the name is checked, the traffic stays local.
        ConnectCallback = async (context, token) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, token);
            return new NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, chain, errors) => verifier.Verify(TlsPki.HostName, certificate, chain, errors).Trusted,
        },
    })
    { Timeout = TimeSpan.FromSeconds(30) };

    private static MqttApplicationMessage Report(string district, string deviceId) => new MqttApplicationMessageBuilder()
        .WithTopic(TopicAddress.Build(district, deviceId, TopicKind.Telemetry))
        .WithPayload(WireFormat.Serialize(new Telemetry(1, deviceId, 1, DateTimeOffset.UtcNow.AddMinutes(-2), 60,
            [Reading.Of(Quantity.Pm2_5, 12, Quality.Ok, "test-sensor")])))
        .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
        .Build();

    private static async Task<bool> ReadUntilClosedAsync(Stream stream)
    {
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer) > 0) { }
            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
