using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityBrain.Tls.Tests;

/// <summary>The certificate files of a running server renewed in place, over real files and the real file watcher.</summary>
public sealed class ReloadingCertificateTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("citybrain-tls-");
    private readonly X509Certificate2 _authority = CertificateIssuer.CreateAuthority("Test CA", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(1));

    private string CertificateFile => Path.Combine(_folder.FullName, "server.pem");

    private string KeyFile => Path.Combine(_folder.FullName, "server.key");

    [Fact]
    public async Task Renewed_files_replace_the_certificate_without_a_restart()
    {
        WriteServer("first.test");
        using var source = Start(TimeSpan.FromHours(1));
        var renewed = new TaskCompletionSource<ServerCertificate>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Renewed += c => renewed.TrySetResult(c);
        Assert.Contains("first.test", source.Current.Leaf.Subject);

        WriteServer("second.test");

        var next = await renewed.Task.WaitAsync(Wait);
        Assert.Contains("second.test", next.Leaf.Subject);
        Assert.Same(next, source.Current);
    }

    [Fact]
    public async Task A_broken_renewal_keeps_the_current_certificate_and_names_the_file()
    {
        WriteServer("kept.test");
        using var source = Start(TimeSpan.FromHours(1));
        var refused = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.RenewalRefused += m => refused.TrySetResult(m);
        var before = source.Current;

        await File.WriteAllTextAsync(KeyFile, "-----BEGIN PRIVATE KEY-----\nbroken\n-----END PRIVATE KEY-----\n");

        var message = await refused.Task.WaitAsync(Wait);
        Assert.Contains(KeyFile, message);
        Assert.Same(before, source.Current);
    }

    [Fact]
    public async Task The_periodic_check_finds_a_renewal_the_watcher_missed()
    {
        WriteServer("first.test");
        using var source = Start(TimeSpan.FromMilliseconds(200));
        var renewed = new TaskCompletionSource<ServerCertificate>(TaskCreationOptions.RunContinuationsAsynchronously);
        source.Renewed += c => renewed.TrySetResult(c);

        // Written elsewhere and moved in: a rename into the folder, as certificate tools do.
        var staging = Directory.CreateTempSubdirectory("citybrain-tls-staging-");
        using (var server = Issue("moved.test"))
        {
            CertificateIssuer.WritePem(server, Path.Combine(staging.FullName, "c"), Path.Combine(staging.FullName, "k"));
        }
        File.Move(Path.Combine(staging.FullName, "c"), CertificateFile, overwrite: true);
        File.Move(Path.Combine(staging.FullName, "k"), KeyFile, overwrite: true);

        Assert.Contains("moved.test", (await renewed.Task.WaitAsync(Wait)).Leaf.Subject);
        staging.Delete(recursive: true);
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("empty", "is empty")]
    [InlineData("not-pem", "no PEM certificate")]
    [InlineData("other-key", "cannot be used with the certificate")]
    [InlineData("expired", "expired on")]
    public void Unusable_files_are_refused_at_start_naming_the_file(string fault, string expected)
    {
        WriteServer("server.test", expired: fault == "expired");
        var named = fault == "other-key" ? KeyFile : CertificateFile;
        switch (fault)
        {
            case "missing": File.Delete(CertificateFile); break;
            case "empty": File.WriteAllText(CertificateFile, ""); break;
            case "not-pem": File.WriteAllText(CertificateFile, "hello"); break;
            case "other-key":
                using (var other = Issue("other.test")) CertificateIssuer.WritePem(other, Path.Combine(_folder.FullName, "o.pem"), KeyFile);
                break;
        }

        var error = Assert.Throws<CertificateFileException>(() => Start(TimeSpan.FromHours(1)));

        Assert.Equal(named, error.File);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Pins_are_read_as_people_write_them()
    {
        using var server = Issue("pin.test");
        var pin = PublicKeyPin.Of(server);
        var colons = string.Join(':', Enumerable.Range(0, 32).Select(i => pin.Substring(i * 2, 2).ToUpperInvariant()));

        Assert.Equal(pin, PublicKeyPin.Normalize(colons));
        Assert.Equal(pin, PublicKeyPin.Normalize("sha256:" + pin));
        Assert.Null(PublicKeyPin.Normalize("abc"));
    }

    private ReloadingCertificate Start(TimeSpan interval) =>
        new(CertificateFile, KeyFile, interval, TimeProvider.System, NullLogger.Instance);

    private X509Certificate2 Issue(string host, bool expired = false)
    {
        var now = DateTimeOffset.UtcNow;
        return expired
            ? CertificateIssuer.IssueServer(_authority, [host], [], now.AddDays(-10), now.AddDays(-1))
            : CertificateIssuer.IssueServer(_authority, [host], [IPAddress.Loopback], now.AddDays(-1), now.AddDays(30));
    }

    private void WriteServer(string host, bool expired = false)
    {
        using var server = Issue(host, expired);
        CertificateIssuer.WritePem(server, CertificateFile, KeyFile, _authority);
    }

    public void Dispose()
    {
        _authority.Dispose();
        _folder.Delete(recursive: true);
    }
}
