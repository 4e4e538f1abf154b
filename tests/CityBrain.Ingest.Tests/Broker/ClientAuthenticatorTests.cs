using CityBrain.Contracts.Security;
using CityBrain.Ingest.Broker;
using CityBrain.Storage.Credentials;
using System.Diagnostics.Metrics;
using CityBrain.Ingest.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityBrain.Ingest.Tests.Broker;

public class ClientAuthenticatorTests
{
    private readonly SqliteCredentialStore _credentials =
        new(Path.Combine(Directory.CreateTempSubdirectory("citybrain-credentials-").FullName, "credentials.db"));

    private ClientAuthenticator Authenticator(string? fleetSecret = null)
    {
        var options = Options.Create(new BrokerOptions
        {
            FleetSecret = fleetSecret,
            ServiceAccounts = { ["bench"] = "bench-pass" },
        });
        var metrics = new IngestMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>());
        return new(options, _credentials, new LoginThrottle(options, TimeProvider.System), metrics, TimeProvider.System,
            new PasswordCheckGate(Options.Create(new PasswordCheckOptions())));
    }

    [Fact]
    public async Task A_provisioned_device_is_known_with_its_district_and_the_credential_change_it_used()
    {
        var password = await _credentials.ProvisionAsync("gw-1", "haidian", DateTimeOffset.UtcNow);

        var identity = await Authenticator().AuthenticateAsync("gw-1", password, default);

        Assert.Equal(ClientIdentity.Device("gw-1", "haidian") with { CredentialChange = (await _credentials.FindAsync("gw-1"))!.Change }, identity);
    }

    [Fact]
    public async Task Reprovisioning_invalidates_the_old_password()
    {
        var old = await _credentials.ProvisionAsync("gw-1", "haidian", DateTimeOffset.UtcNow);
        var fresh = await _credentials.ProvisionAsync("gw-1", "chaoyang", DateTimeOffset.UtcNow);

        Assert.Null(await Authenticator().AuthenticateAsync("gw-1", old, default));
        Assert.Equal("chaoyang", (await Authenticator().AuthenticateAsync("gw-1", fresh, default))!.District);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gw-cert")]
    public async Task A_device_certificate_logs_in_its_device_without_a_password(string? userName)
    {
        await _credentials.ProvisionAsync("gw-cert", "haidian", DateTimeOffset.UtcNow);
        using var certificate = DeviceCertificate("gw-cert");

        var outcome = await Authenticator().AuthenticateAsync(userName, null, certificate, null, default);

        Assert.Equal(("gw-cert", "haidian"), (outcome.Identity!.Name, outcome.Identity.District));
    }

    [Fact]
    public async Task A_device_certificate_is_refused_under_another_name_and_once_its_device_is_revoked()
    {
        await _credentials.ProvisionAsync("gw-cert", "haidian", DateTimeOffset.UtcNow);
        await _credentials.ProvisionAsync("gw-other", "haidian", DateTimeOffset.UtcNow);
        using var certificate = DeviceCertificate("gw-cert");

        Assert.Null((await Authenticator().AuthenticateAsync("gw-other", null, certificate, null, default)).Identity);
        Assert.True(await _credentials.RevokeAsync("gw-cert", DateTimeOffset.UtcNow));
        Assert.Null((await Authenticator().AuthenticateAsync(null, null, certificate, null, default)).Identity);
    }

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 DeviceCertificate(string deviceId)
    {
        var now = DateTimeOffset.UtcNow;
        using var authority = Tls.CertificateIssuer.CreateAuthority("Device CA", now.AddDays(-1), now.AddDays(30));
        return Tls.CertificateIssuer.IssueClient(authority, deviceId, now.AddDays(-1), now.AddDays(30));
    }

    [Theory]
    [InlineData("gw-1", "wrong")]
    [InlineData("gw-unknown", "whatever")]
    [InlineData("gw-1", null)]
    [InlineData(null, "x")]
    [InlineData("bench", "wrong")]
    public async Task Wrong_or_missing_credentials_are_refused(string? user, string? password)
    {
        await _credentials.ProvisionAsync("gw-1", "haidian", DateTimeOffset.UtcNow);

        Assert.Null(await Authenticator("secret").AuthenticateAsync(user, password, default));
    }

    [Fact]
    public async Task The_password_is_stored_only_as_a_hash()
    {
        var password = await _credentials.ProvisionAsync("gw-7", "haidian", DateTimeOffset.UtcNow);

        // In WAL mode a fresh row may still sit in the -wal file, so read every file of the database.
        var files = Directory.GetFiles(Path.GetDirectoryName(_credentials.Path)!, "credentials.db*");
        var stored = string.Concat(files.Select(f => System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(f))));
        Assert.Contains("gw-7", stored);
        Assert.DoesNotContain(password, stored);
    }

    [Fact]
    public async Task Fleet_derived_passwords_work_only_when_a_fleet_secret_is_configured()
    {
        var password = DerivedPassword.For("secret", "sim-1");

        Assert.Equal(ClientIdentity.Device("sim-1", null), await Authenticator("secret").AuthenticateAsync("sim-1", password, default));
        Assert.Null(await Authenticator().AuthenticateAsync("sim-1", password, default));
        Assert.Null(await Authenticator("other").AuthenticateAsync("sim-1", password, default));
    }

    [Fact]
    public async Task A_service_account_is_known_as_a_service()
    {
        Assert.Equal(ClientIdentity.Service("bench"), await Authenticator().AuthenticateAsync("bench", "bench-pass", default));
    }
}
