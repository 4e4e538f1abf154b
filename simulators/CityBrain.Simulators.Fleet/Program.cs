using CityBrain.Simulators.Fleet;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// citybrain-fleet --Fleet:BrokerPort=1883 --Fleet:Gateways=100 --Fleet:Districts:0=haidian --Fleet:FleetSecret=...
// or with the short switches below.
var builder = Host.CreateApplicationBuilder(args);
builder.Configuration.AddCommandLine(args, new Dictionary<string, string>
{
    ["--broker-host"] = "Fleet:BrokerHost",
    ["--broker-port"] = "Fleet:BrokerPort",
    ["--gateways"] = "Fleet:Gateways",
    ["--fleet-secret"] = "Fleet:FleetSecret",
    ["--seed"] = "Fleet:Seed",
    ["--report-interval"] = "Fleet:ReportInterval",
});
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddFleetSimulator(o => builder.Configuration.GetSection(FleetOptions.Section).Bind(o));
try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (InvalidOperationException ex)
{
    Console.Error.WriteLine($"citybrain-fleet: {ex.Message}");
    return 2;
}
