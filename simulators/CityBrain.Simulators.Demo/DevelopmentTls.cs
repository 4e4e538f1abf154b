using CityBrain.Host.Hosting;
using CityBrain.Host.Security;
using CityBrain.Simulators.Fleet;
using CityBrain.Tls;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace CityBrain.Simulators.Demo;

/// <summary><c>--tls</c> of the demo: a development CA and a server certificate for localhost and 127.0.0.1 under the data
/// folder (made once), the host serving HTTPS and MQTT over TLS with them, and the simulated gateways connecting over
/// TLS and verifying the broker against that CA, as real ones would.</summary>
public static class DevelopmentTls
{
    public const string Switch = "--tls";

    public static readonly CommandLineSwitch HelpSwitch = new(Switch, "Tls:CertificateFile, Tls:KeyFile", "",
        "HTTPS and MQTT over TLS with a development CA made under the data directory");

    public static void UseDevelopmentTls(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(CityBrainOptions.Section).Get<CityBrainOptions>() ?? new CityBrainOptions();
        var files = new DevelopmentCertificates(Path.GetFullPath(options.DataPath("tls"))).Ensure(TimeProvider.System);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Tls:CertificateFile"] = files.CertificateFile,
            ["Tls:KeyFile"] = files.KeyFile,
            [$"{FleetOptions.Section}:{nameof(FleetOptions.BrokerCaFile)}"] = files.AuthorityFile,
        });
        var tls = builder.Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        Console.WriteLine($"citybrain: TLS with the development CA {files.AuthorityFile} (trust it for the browser, give it to gateways): " +
            $"https://localhost:{tls.HttpsPort}, mqtts://127.0.0.1:{tls.MqttsPort}; plain HTTP and MQTT stay on loopback");
    }
}
