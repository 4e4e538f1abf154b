using CityBrain.Edge;
using CityBrain.Edge.Configuration;
using CityBrain.Edge.Link;
using CityBrain.Edge.Sensors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddSystemd();
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddOptions<GatewayOptions>().Bind(builder.Configuration.GetSection(GatewayOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddSingleton<SensorFactory>();
builder.Services.AddSingleton<MqttLink>();
builder.Services.AddHostedService<GatewayService>();
try
{
    await builder.Build().RunAsync();
    return 0;
}
catch (OptionsValidationException ex)
{
    Console.Error.WriteLine($"citybrain-edge: the configuration is not usable: {string.Join("; ", ex.Failures)}. Fix appsettings.json (section Gateway) or run 'citybrain-edge provision'.");
    return 2;
}
catch (ConfigurationException ex)
{
    Console.Error.WriteLine($"citybrain-edge: {ex.Message}.");
    return 2;
}
