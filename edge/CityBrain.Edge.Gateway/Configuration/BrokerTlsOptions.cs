using CityBrain.Edge.Link;
using CityBrain.Tls;

namespace CityBrain.Edge.Configuration;

/// <summary>The <c>Gateway:Broker:Tls</c> section: MQTT over TLS to the broker, with the broker's certificate checked
/// against <see cref="CaFile"/> (this machine's CA store when unset), its name, and optionally a pinned key.</summary>
public sealed class BrokerTlsOptions
{
    public const string Prefix = GatewayOptions.Section + ":Broker:Tls:";

    public bool Enabled { get; set; }

    /// <summary>PEM file of the CA that issued the broker's certificate; <c>provision --ca-file</c> copies it next to
    /// the configuration.</summary>
    public string? CaFile { get; set; }

    /// <summary>SHA-256 of the SubjectPublicKeyInfo (64 hex digits) of the broker's certificate or of one of its CAs.</summary>
    public string? Pin { get; set; }

    /// <summary>PEM device certificate and key, issued by the cluster's device CA, to log in without a password.</summary>
    public string? ClientCertificateFile { get; set; }

    public string? ClientKeyFile { get; set; }

    /// <summary>The name the broker's certificate must carry when the broker is reached by another name or an address.</summary>
    public string? ServerName { get; set; }

    public IEnumerable<string> Problems()
    {
        if (!Enabled) yield break;
        if (Pin is not null && PublicKeyPin.Normalize(Pin) is null)
        {
            yield return $"{Prefix}Pin '{Pin}' is not a SHA-256 fingerprint: 64 hex digits, as the broker's refusal message or `openssl` prints them";
        }
        if (string.IsNullOrWhiteSpace(ClientCertificateFile) != string.IsNullOrWhiteSpace(ClientKeyFile))
        {
            yield return $"{Prefix}ClientCertificateFile and {Prefix}ClientKeyFile go together: give both PEM files, or neither";
        }
        var problem = FileProblem();
        if (problem is not null) yield return problem;
    }

    /// <exception cref="ConfigurationException">A file cannot be used (not validated before).</exception>
    public LinkTls Link(TimeProvider time)
    {
        try
        {
            var authorities = string.IsNullOrWhiteSpace(CaFile) ? null : CertificateAuthorities.Load(CaFile);
            var client = string.IsNullOrWhiteSpace(ClientCertificateFile) ? null
                : PemFiles.LoadChainWithKey(ClientCertificateFile, ClientKeyFile ?? "", time.GetUtcNow()).Leaf;
            return new LinkTls(new ServerCertificateVerifier(authorities, Pin, time), client, ServerName);
        }
        catch (CertificateFileException ex)
        {
            throw new ConfigurationException($"{Prefix}: TLS file {ex.Message}", ex);
        }
    }

    private string? FileProblem()
    {
        try
        {
            Link(TimeProvider.System);
            return null;
        }
        catch (ConfigurationException ex)
        {
            return ex.Message;
        }
        catch (ArgumentException ex)
        {
            return ex.Message;
        }
    }
}
