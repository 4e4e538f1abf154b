using System.ComponentModel.DataAnnotations;

namespace CityBrain.Host.Security;

/// <summary>Transport security of the node (section <c>Tls</c>): the server certificate for HTTPS and MQTT over TLS, and
/// the device CAs for gateways that log in with a certificate instead of a password.</summary>
public sealed class TlsOptions
{
    public const string Section = "Tls";

    /// <summary>PEM file with the server certificate first, then any intermediates.</summary>
    public string? CertificateFile { get; set; }

    /// <summary>PEM file with the certificate's private key (PKCS#8 or the RSA/EC forms), not encrypted.</summary>
    public string? KeyFile { get; set; }

    /// <summary>PEM file of the CAs that issue device certificates; unset, devices log in with passwords only.</summary>
    public string? ClientCaFile { get; set; }

    [Range(1, 65535)]
    public int MqttsPort { get; set; } = 8883;

    [Range(1, 65535)]
    public int HttpsPort { get; set; } = 5443;

    /// <summary>Lets a node listen beyond loopback without a certificate, in plain text; logged as a warning at every start.</summary>
    public bool AllowInsecure { get; set; }

    /// <summary>How often the certificate files are compared with what was loaded, besides the file watcher.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReloadCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    public bool HasCertificate => !string.IsNullOrWhiteSpace(CertificateFile) || !string.IsNullOrWhiteSpace(KeyFile);
}
