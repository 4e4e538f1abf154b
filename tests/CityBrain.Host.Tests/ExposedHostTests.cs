using System.Diagnostics;
using System.Net;
using CityBrain.Testing;
using MQTTnet;

namespace CityBrain.Host.Tests;

/// <summary>A host bound beyond loopback (every interface, reached here over loopback): TLS or an explicit insecure
/// switch, never plain text by accident.</summary>
public sealed class ExposedHostTests
{
    [Fact]
    public async Task With_a_certificate_plain_http_only_redirects_to_https_and_mqtt_over_tls_is_served()
    {
        using var pki = new TlsPki();
        var (mqtts, https) = (FreePort.Next(), FreePort.Next());
        await using var host = await RunningHost.StartAsync(null,
            [.. pki.HostArgs(mqtts, https), "--CityBrain:HttpBindAddress=0.0.0.0", "--mqtt-bind=0.0.0.0"]);
        using var plain = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });

        using var redirect = await plain.GetAsync(new Uri(host.BaseAddress, "/healthz?x=1"));

        Assert.Equal(HttpStatusCode.PermanentRedirect, redirect.StatusCode);
        Assert.Equal($"https://127.0.0.1:{https}/healthz?x=1", redirect.Headers.Location!.ToString());
        Assert.Empty(await redirect.Content.ReadAsByteArrayAsync());
        using var secure = TransportSecurityTests.HttpsClient(pki.Verifier());
        secure.DefaultRequestHeaders.Authorization = new("Bearer", host.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await secure.GetAsync($"https://{TlsPki.HostName}:{https}/healthz")).StatusCode);
        // Plain MQTT stays for tools on this machine, on loopback only.
        await using var local = host.Device("haidian", "exposed-local");
        Assert.Equal(MqttClientConnectResultCode.Success, (await local.ConnectAsync()).ResultCode);
    }

    [Fact]
    public async Task Without_a_certificate_a_host_bound_beyond_loopback_exits_2_saying_what_to_configure()
    {
        var data = Directory.CreateTempSubdirectory("citybrain-exposed-").FullName;
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { HostProcess.HostAssembly, $"--data={data}", $"--http-port={FreePort.Next()}", "--mqtt-bind=0.0.0.0",
            $"--mqtt-port={FreePort.Next()}", $"--silo-port={FreePort.Next()}", $"--gateway-port={FreePort.Next()}" })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(HostProcess.StartTimeout);

        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("MQTT on 0.0.0.0", await error);
        Assert.Contains("set Tls:CertificateFile and Tls:KeyFile (PEM), or Tls:AllowInsecure=true", await error);
        await output;
        Directory.Delete(data, recursive: true);
    }

    [Fact]
    public async Task The_insecure_switch_starts_the_host_with_a_warning_naming_the_exposed_endpoints()
    {
        await using var host = await HostProcess.StartAsync(null, "--CityBrain:HttpBindAddress=0.0.0.0", "--Tls:AllowInsecure=true");

        var warning = Assert.Single(host.LogLines("INSECURE"));
        Assert.Contains($"HTTP on 0.0.0.0:{host.HttpPort}", warning);
        Assert.Contains("warn", warning);
        host.DeleteDataOnDispose = true;
    }
}
