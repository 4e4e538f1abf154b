using CityBrain.Edge;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Sensors;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
builder.Services.AddCityBrainGateway(o => builder.Configuration.GetSection(GatewayOptions.Section).Bind(o));
try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"citybrain-edge: the configuration is not usable: {string.Join("; ", ex.Failures)}. Fix the Gateway section of appsettings.json.");
    return 2;
}
catch (ConfigurationException ex)
{
    Console.Error.WriteLine($"citybrain-edge: {ex.Message}.");
    return 2;
}
