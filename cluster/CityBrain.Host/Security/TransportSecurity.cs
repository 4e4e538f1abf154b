using System.Net;
using System.Net.Security;
using CityBrain.Host.Hosting;
using CityBrain.Ingest.Broker;
using CityBrain.Tls;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace CityBrain.Host.Security;

/// <summary>Where the node listens and whether with TLS. Without a certificate it listens in plain text, which is
/// refused beyond loopback unless <see cref="TlsOptions.AllowInsecure"/> says otherwise. With one, HTTPS and MQTT over
/// TLS are added on their own ports; a node bound beyond loopback then answers plain HTTP only with a redirect to HTTPS
/// and keeps plain MQTT on loopback alone, for tools on the same machine. Kestrel and the broker share one
/// <see cref="ReloadingCertificate"/>, so a renewal reaches both.</summary>
public static partial class TransportSecurity
{
    public static WebApplicationBuilder AddTransportSecurity(this WebApplicationBuilder builder, CityBrainOptions options)
    {
        builder.Services.AddOptions<TlsOptions>().BindConfiguration(TlsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var tls = builder.Configuration.GetSection(TlsOptions.Section).Get<TlsOptions>() ?? new TlsOptions();
        var broker = builder.Configuration.GetSection(Ingest.Broker.BrokerOptions.Section).Get<Ingest.Broker.BrokerOptions>() ?? new Ingest.Broker.BrokerOptions();
        var exposed = Exposed(options, broker);
        if (!tls.HasCertificate)
        {
            if (exposed.Count > 0 && !tls.AllowInsecure)
            {
                throw new HostConfigurationException([
                    $"{string.Join(" and ", exposed)} listen beyond loopback without TLS: set Tls:CertificateFile and Tls:KeyFile " +
                    "(PEM), or Tls:AllowInsecure=true to accept plain text on the network"]);
            }
            builder.WebHost.UseUrls($"http://{options.HttpBindAddress}:{options.HttpPort}");
            return builder;
        }

        CheckCertificate(tls);
        builder.Services.AddSingleton(sp => new ReloadingCertificate(tls.CertificateFile!, tls.KeyFile!, tls.ReloadCheckInterval,
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<ReloadingCertificate>>()));
        var deviceAuthorities = string.IsNullOrWhiteSpace(tls.ClientCaFile) ? null : Load(() => CertificateAuthorities.Load(tls.ClientCaFile));
        var mqttAddresses = BrokerAddresses.Parse(broker.BindAddress);
        builder.Services.AddSingleton(sp => new MqttTlsListener(mqttAddresses, tls.MqttsPort, sp.GetRequiredService<ReloadingCertificate>(), deviceAuthorities));
        if (!mqttAddresses.All(IPAddress.IsLoopback))
        {
            var loopback = mqttAddresses.Any(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) ? IPAddress.IPv6Loopback : IPAddress.Loopback;
            builder.Services.PostConfigure<Ingest.Broker.BrokerOptions>(o => o.BindAddress = loopback.ToString());
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            var certificate = kestrel.ApplicationServices.GetRequiredService<ReloadingCertificate>();
            var https = new TlsHandshakeCallbackOptions
            {
                OnConnection = _ => ValueTask.FromResult(new SslServerAuthenticationOptions { ServerCertificateContext = certificate.Current.Context }),
            };
            Listen(kestrel, options.HttpBindAddress, options.HttpPort, _ => { });
            Listen(kestrel, options.HttpBindAddress, tls.HttpsPort, endpoint => endpoint.UseHttps(https));
        });
        builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        builder.Services.AddHttpsRedirection(o =>
        {
            o.HttpsPort = tls.HttpsPort;
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
        });
        return builder;
    }

    public static WebApplication UseTransportSecurity(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<CityBrainOptions>>().Value;
        var tls = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TlsOptions>>().Value;
        var broker = app.Configuration.GetSection(Ingest.Broker.BrokerOptions.Section).Get<Ingest.Broker.BrokerOptions>() ?? new Ingest.Broker.BrokerOptions();
        if (!tls.HasCertificate)
        {
            if (Exposed(options, broker) is { Count: > 0 } exposed) LogInsecure(app.Logger, string.Join(" and ", exposed));
            return app;
        }
        app.UseHsts();
        if (!IsLoopback(options.HttpBindAddress)) app.UseHttpsRedirection();
        return app;
    }

    private static List<string> Exposed(CityBrainOptions options, Ingest.Broker.BrokerOptions broker)
    {
        var exposed = new List<string>();
        if (!IsLoopback(options.HttpBindAddress)) exposed.Add($"HTTP on {options.HttpBindAddress}:{options.HttpPort}");
        if (!IsLoopback(broker.BindAddress)) exposed.Add($"MQTT on {broker.BindAddress}:{broker.Port}");
        return exposed;
    }

    private static bool IsLoopback(string address) => BrokerAddresses.Parse(address) is { Count: > 0 } addresses && addresses.All(IPAddress.IsLoopback);

    /// <summary>Unusable files stop the host before anything listens, with the file and the problem in one sentence; the
    /// certificate that serves is loaded again, with its logger, when the host starts.</summary>
    private static void CheckCertificate(TlsOptions tls)
    {
        if (string.IsNullOrWhiteSpace(tls.CertificateFile) || string.IsNullOrWhiteSpace(tls.KeyFile))
        {
            throw new HostConfigurationException(["Tls:CertificateFile and Tls:KeyFile go together: give both PEM files, or neither"]);
        }
        Load(() => PemFiles.LoadChainWithKey(tls.CertificateFile, tls.KeyFile, DateTimeOffset.UtcNow));
    }

    private static T Load<T>(Func<T> load)
    {
        try
        {
            return load();
        }
        catch (CertificateFileException ex)
        {
            throw new HostConfigurationException([$"TLS file {ex.Message}"]);
        }
    }

    private static void Listen(Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions kestrel, string address, int port,
        Action<Microsoft.AspNetCore.Server.Kestrel.Core.ListenOptions> configure)
    {
        if (address.Equals("localhost", StringComparison.OrdinalIgnoreCase)) kestrel.ListenLocalhost(port, configure);
        else if (address is "*" or "+") kestrel.ListenAnyIP(port, configure);
        else if (IPAddress.TryParse(address, out var ip)) kestrel.Listen(ip, port, configure);
        else throw new HostConfigurationException([$"CityBrain:HttpBindAddress '{address}' must be localhost, an IP address or * with TLS"]);
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "INSECURE: {Endpoints} listen beyond loopback in plain text (Tls:AllowInsecure=true): passwords and readings cross the network unencrypted. Configure Tls:CertificateFile and Tls:KeyFile")]
    private static partial void LogInsecure(ILogger logger, string endpoints);
}
