using CityBrain.Host.Hosting;
using CityBrain.Ingest.Metrics;
using CityBrain.Simulators.Demo;
using CityBrain.Simulators.Fleet;
using CityBrain.Testing;
using CityBrain.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CityBrain.Host.Tests;

/// <summary><c>./citybrain.sh run --tls</c>: the demo host made as its Program makes it, with the development
/// certificates and a simulated city whose gateways report over TLS.</summary>
public sealed class DevelopmentTlsTests
{
    [Fact]
    public async Task The_demo_with_tls_makes_its_certificates_once_and_its_gateways_report_over_tls_verifying_the_dev_ca()
    {
        var data = Directory.CreateTempSubdirectory("citybrain-devtls-").FullName;
        var mqtts = FreePort.Next();
        string[] args =
        [
            $"--data={data}", $"--http-port={FreePort.Next()}", "--CityBrain:HttpBindAddress=127.0.0.1", $"--mqtt-port={FreePort.Next()}",
            $"--silo-port={FreePort.Next()}", $"--gateway-port={FreePort.Next()}", $"--Tls:MqttsPort={mqtts}", $"--Tls:HttpsPort={FreePort.Next()}",
            "--simulate=3", "--Fleet:ReportInterval=00:00:01",
        ];
        var app = CityBrainHost.Build(args, builder =>
        {
            builder.UseDevelopmentTls();
            builder.AddSimulatedCity(args);
        });
        await using (app)
        {
            await app.StartAsync();
            var files = new DevelopmentCertificates(Path.Combine(data, "tls"));
            var fleet = app.Services.GetRequiredService<IOptions<FleetOptions>>().Value;

            await RunningHost.EventuallyAsync(() => Task.FromResult(app.Services.GetRequiredService<IngestMetrics>().Snapshot().Accepted),
                accepted => accepted >= 3, "reports of the simulated gateways accepted", TimeSpan.FromSeconds(60));

            Assert.Equal((mqtts, files.AuthorityFile), (fleet.BrokerPort, fleet.BrokerCaFile));
            Assert.Equal(PemFiles.LoadCertificates(files.CertificateFile)[0].Thumbprint, app.Services.GetRequiredService<ReloadingCertificate>().Current.Leaf.Thumbprint);
            var made = File.GetLastWriteTimeUtc(files.AuthorityFile);
            files.Ensure(TimeProvider.System);
            Assert.Equal(made, File.GetLastWriteTimeUtc(files.AuthorityFile));
            await app.StopAsync();
        }
        Directory.Delete(data, recursive: true);
    }
}
