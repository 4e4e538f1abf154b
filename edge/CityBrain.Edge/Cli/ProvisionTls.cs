using System.CommandLine;
using System.Text.Json.Nodes;
using CityBrain.Edge.Configuration;

namespace CityBrain.Edge.Cli;

/// <summary>The TLS switches of <c>provision</c>: the broker's CA (copied next to the configuration, so the gateway
/// does not depend on where the technician's copy lies), a pinned key fingerprint, and a device certificate.</summary>
internal sealed class ProvisionTls
{
    public const string AuthorityFileName = "broker-ca.pem";

    private readonly Option<bool> _tls = new("--tls") { Description = "Connect with MQTT over TLS (port 8883 unless given) and verify the broker's certificate" };
    private readonly Option<string?> _caFile = new("--ca-file") { Description = "PEM file of the CA that issued the broker's certificate; copied next to the configuration (implies --tls)", HelpName = "file" };
    private readonly Option<string?> _pin = new("--pin") { Description = "SHA-256 fingerprint of the broker's public key (or of its CA's) that the broker must present (implies --tls)", HelpName = "sha256" };
    private readonly Option<string?> _clientCertificate = new("--client-cert") { Description = "PEM device certificate issued by the cluster's device CA, instead of a password (implies --tls)", HelpName = "file" };
    private readonly Option<string?> _clientKey = new("--client-key") { Description = "PEM private key of --client-cert", HelpName = "file" };
    private readonly Option<string?> _serverName = new("--server-name") { Description = "The name in the broker's certificate, when --broker is an address", HelpName = "name" };

    public IEnumerable<Option> Options => [_tls, _caFile, _pin, _clientCertificate, _clientKey, _serverName];

    public bool Wanted(ParseResult result) =>
        result.GetValue(_tls) || new[] { _caFile, _pin, _clientCertificate, _serverName }.Any(o => result.GetValue(o) is not null);

    public bool HasClientCertificate(ParseResult result) => result.GetValue(_clientCertificate) is not null;

    /// <summary>Writes the <c>Tls</c> section of the broker, with <paramref name="caFile"/> as the trusted CA (the
    /// technician's file while checking, the copy once written); removes it when TLS is not asked for.</summary>
    public void Configure(ParseResult result, JsonObject broker, string? caFile)
    {
        if (!Wanted(result))
        {
            broker.Remove("Tls");
            return;
        }
        var tls = new JsonObject { ["Enabled"] = true };
        if (caFile is not null) tls["CaFile"] = caFile;
        if (result.GetValue(_pin) is { } pin) tls["Pin"] = pin;
        if (result.GetValue(_clientCertificate) is { } certificate) tls["ClientCertificateFile"] = Path.GetFullPath(certificate);
        if (result.GetValue(_clientKey) is { } key) tls["ClientKeyFile"] = Path.GetFullPath(key);
        if (result.GetValue(_serverName) is { } name) tls["ServerName"] = name;
        broker["Tls"] = tls;
    }

    public string? GivenAuthority(ParseResult result) => result.GetValue(_caFile) is { } file ? Path.GetFullPath(file) : null;

    /// <summary>Copies the given CA file next to the configuration file and returns the copy's path; null without one.</summary>
    public string? CopyAuthority(ParseResult result, string configurationPath)
    {
        if (GivenAuthority(result) is not { } source) return null;
        var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(configurationPath))!, AuthorityFileName);
        if (!string.Equals(source, target, StringComparison.Ordinal))
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(source, target, overwrite: true);
            }
            catch (IOException ex)
            {
                throw new ConfigurationException($"the CA file could not be copied to {target}: {ex.Message}", ex);
            }
        }
        return target;
    }
}
